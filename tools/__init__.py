"""Developer tools outside the app: the demo data generator, the import benchmark."""

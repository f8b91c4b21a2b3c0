"""What every layer may use: errors, i18n, spreadsheets, periods, networks, paths."""

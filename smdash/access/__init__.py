"""Who may do what: roles, accounts, sign-in sessions, the audit trail."""

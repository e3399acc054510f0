"""Upload the contact log to the council: at least once, never lost, never doubled."""

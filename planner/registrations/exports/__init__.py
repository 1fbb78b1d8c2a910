"""Registrations out to the people who need them: the participant list, the door list, the
caterer's roll-up and the accessibility list (`lists`, `catering`), as CSV and XLSX that are
safe to open in Excel (`sheets`). Pure functions of a meeting and its registrations."""

"""Editing a stored record from a screen: the state of the edit, what a colleague saved
meanwhile, and what is kept aside when it cannot be saved. Below the app: no Textual."""

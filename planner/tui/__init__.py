"""The Textual terminal app. Screens call the use-cases below them and hold no rules."""

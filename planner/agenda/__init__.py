"""The agenda as the secretariat reads it: times and numbers (`schedule`), the words around
them in the meeting's languages (`wording`), and the rows every printout shares (`sheet`)."""

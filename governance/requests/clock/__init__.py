"""The clock of a request: its deadlines, what stops and moves them, and the one definition of "on time"."""

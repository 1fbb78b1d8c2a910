"""Planner: a keyboard-driven planner for conferences and dialogue meetings."""

__version__ = "0.1.0"

"""The desktop app (Qt only): screens call services and never run SQL."""

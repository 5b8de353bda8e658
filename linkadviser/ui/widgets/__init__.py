"""Small reusable widgets: fields that save themselves, ticks that can be undone."""

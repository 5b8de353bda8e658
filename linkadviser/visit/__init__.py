"""The visit: its workflow and states, what is recorded, its outline and links, QA rules."""

"""The "What We Heard" report: its snapshot, publishing its versions, and its downloads."""

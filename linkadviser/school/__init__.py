"""What the adviser keeps about a school beyond the centre's record: its leaders and governors."""

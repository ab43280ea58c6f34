"""Claims: what is said to have happened, and how claims about one event relate."""

"""PyTorch reference implementation of GanWatch's networks and scoring, for agreement checks and speed comparisons."""

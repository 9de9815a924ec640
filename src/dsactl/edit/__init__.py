"""Safe in-place edits of case files (`dsactl new`, `dsactl answer`) and atomic file writes."""

"""What analysts look at: the static HTML report and the generated data dictionary."""

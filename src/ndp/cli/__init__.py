"""The command line: thin wrappers that parse options, call one library function each, and
format the result. No SQL and no business rules live here."""

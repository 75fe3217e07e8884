"""The text a user sees for a problem in a file."""

from ndp.errors import InputRefused, Problem


def test_problem_names_file_line_column_value_and_expectation() -> None:
    problem = Problem("d.csv", 7, "date", "31/02/2024", "a real date")
    assert str(problem) == "d.csv, line 7, column date: '31/02/2024': expected a real date"


def test_file_level_problem_has_no_line() -> None:
    problem = Problem("d.csv", None, None, None, "missing required column level")
    assert str(problem) == "d.csv: missing required column level"


def test_refusal_counts_its_problems() -> None:
    refused = InputRefused([Problem("a", 2, "x", "1", "y"), Problem("a", 3, "x", "2", "y")])
    assert str(refused) == "2 problems found; nothing was loaded"
    assert len(refused.problems) == 2

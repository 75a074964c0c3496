"""Loaded by SchemathesisFuzzIT through SCHEMATHESIS_HOOKS.

CPython 3.11 can raise ``SystemError: AST constructor recursion depth mismatch`` when Hypothesis
parses a lambda's source to describe a strategy (``ast.parse`` called deep in a call stack). The
description only names the strategy in messages; without this guard Schemathesis 4.32.5 reports
it as a runtime error of the coverage phase (seen on POST /models/{name}/predict) instead of
testing the operation.
"""

import hypothesis.internal.lambda_sources as lambda_sources

_describe = lambda_sources.lambda_description


def _lambda_description(f):
    try:
        return _describe(f)
    except SystemError:
        return "lambda"


lambda_sources.lambda_description = _lambda_description

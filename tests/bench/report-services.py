#!/usr/bin/python3
"""`roadmap report services` in Python: the services kind of the
independent reference, tests/reference/report.py (PyYAML's CSafeLoader).

usage: report-services.py ROOT > services.csv
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "reference"))
import report  # noqa: E402

if __name__ == "__main__":
    sys.exit(report.main([sys.argv[0], sys.argv[1], "services"]))

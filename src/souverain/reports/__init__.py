"""Check reports in every format CI systems read: table, JSON, SARIF, JUnit, Markdown."""

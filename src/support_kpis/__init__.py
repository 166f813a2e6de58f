"""support_kpis: the Python side of the support KPI warehouse (generator and CLI)."""

__version__ = "0.1.0"

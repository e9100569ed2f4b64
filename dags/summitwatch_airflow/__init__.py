"""Airflow-side glue shared by the DAG files (not DAGs themselves)."""

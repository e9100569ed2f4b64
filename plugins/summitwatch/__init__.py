"""Summit Watch: news in, summit events out.

The package holds all logic of the pipeline as plain functions on plain data.
It never imports Airflow: the DAG files in ``dags/`` are wiring that call it.
"""

__version__ = "0.1.0"

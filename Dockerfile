# The Airflow image with Summit Watch installed, for docker-compose.yml.
FROM apache/airflow:3.3.2-python3.11

ENV SUMMITWATCH_HOME=/opt/summitwatch
COPY --chown=airflow:0 requirements.lock pyproject.toml README.md ${SUMMITWATCH_HOME}/
COPY --chown=airflow:0 plugins ${SUMMITWATCH_HOME}/plugins
# The same locked versions as development and CI.
RUN pip install --no-cache-dir -r ${SUMMITWATCH_HOME}/requirements.lock \
 && pip install --no-cache-dir --no-deps ${SUMMITWATCH_HOME}
COPY --chown=airflow:0 sql ${SUMMITWATCH_HOME}/sql
COPY --chown=airflow:0 seeds ${SUMMITWATCH_HOME}/seeds
COPY --chown=airflow:0 dags /opt/airflow/dags

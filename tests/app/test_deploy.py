"""The production settings keep residents' secrets out of the access log."""
import importlib.util
import pathlib
from types import SimpleNamespace

CONF = pathlib.Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


def load_conf():
    spec = importlib.util.spec_from_file_location("heard_gunicorn_conf", CONF)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_access_log_masks_manage_links_and_drops_queries():
    conf = load_conf()
    assert "%(q)s" not in conf.access_log_format
    logger = conf.RedactingLogger.__new__(conf.RedactingLogger)
    logger.cfg = SimpleNamespace(logger_class=conf.RedactingLogger)
    request = SimpleNamespace(method="GET", path="/r/s3cr3t-token/cancel", query="email=a@b.org",
                              version=(1, 1), headers=[], uri="/r/s3cr3t-token/cancel?email=a@b.org")
    environ = {"RAW_URI": request.uri, "REMOTE_ADDR": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1",
               "REQUEST_METHOD": "GET", "PATH_INFO": request.path, "QUERY_STRING": request.query}
    response = SimpleNamespace(status="200 OK", response_length=10, sent=10, headers=[])
    from datetime import timedelta

    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=5))
    line = conf.access_log_format % atoms
    assert "s3cr3t-token" not in line and "a@b.org" not in line
    assert "/r/[private]/cancel" in line
    assert "s3cr3t" not in atoms["r"]

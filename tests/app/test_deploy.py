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


def test_access_log_line_of_a_request_the_app_failed_is_written():
    """When the WSGI app raises, gunicorn answers 500 itself and logs it with an environ that
    has no PATH_INFO; the logger must not fail there (it killed the worker: no answer at all)."""
    from datetime import timedelta

    from gunicorn.http.wsgi import default_environ

    conf = load_conf()
    logger = conf.RedactingLogger.__new__(conf.RedactingLogger)
    logger.cfg = SimpleNamespace(logger_class=conf.RedactingLogger)
    request = SimpleNamespace(method="POST", path="/r/s3cr3t-token/change", query="", version=(1, 1),
                              headers=[], uri="/r/s3cr3t-token/change", body=None)
    environ = default_environ(request, None, SimpleNamespace(errorlog="-", workers=1))
    environ["REMOTE_ADDR"] = "127.0.0.1"
    assert "PATH_INFO" not in environ
    response = SimpleNamespace(status="500 Internal Server Error", response_length=0, sent=0, headers=[])
    line = conf.access_log_format % logger.atoms(response, request, environ, timedelta(milliseconds=5))
    assert '"POST /r/[private]/change" 500' in line and "s3cr3t" not in line


def test_development_server_log_masks_manage_links(app, caplog):
    """`make run` serves with Werkzeug's development server, which logs each request line."""
    import logging
    import threading
    import urllib.error
    import urllib.request

    from werkzeug.serving import make_server

    caplog.set_level(logging.INFO, logger="werkzeug")
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.handle_request)
    thread.start()
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{server.port}/r/s3cr3t-token-0123456789abcdef?new=1", timeout=10)
    except urllib.error.HTTPError as error:
        assert error.code == 404  # no such registration; the line is logged all the same
    thread.join(10)
    server.server_close()
    assert "/r/[private]" in caplog.text
    assert "s3cr3t" not in caplog.text and "new=1" not in caplog.text

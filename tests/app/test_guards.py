"""Every role against every audience blueprint."""
import pytest

PAGES = {"/": "public", "/capture/": "capture", "/review/": "review", "/admin/": "admin",
         "/admin/users": "admin-users"}

ALLOWED = {
    None: {"public"},
    "notetaker": {"public", "capture"},
    "analyst": {"public", "review"},
    "organizer": {"public", "capture", "review", "admin"},
    "admin": {"public", "capture", "review", "admin", "admin-users"},
}


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("path", list(PAGES))
def test_role_against_blueprint(client, signed_in, role, path):
    if role:
        signed_in(role)
    response = client.get(path)
    if PAGES[path] in ALLOWED[role]:
        assert response.status_code == 200
    elif role is None:
        assert response.status_code == 302
        assert "/auth/sign-in" in response.headers["Location"]
    else:
        assert response.status_code == 403

"""Serves the greeting configured in config/settings.yaml on port 8000."""

import json
import os
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import yaml

SETTINGS = yaml.safe_load((Path(__file__).parent.parent / "config" / "settings.yaml").read_text())


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            body = {"status": "ok", "env": os.environ.get("APP_ENV", "production")}
        elif self.path == "/greeting":
            body = {"message": SETTINGS["greeting"]}
        else:
            self.send_error(404)
            return
        payload = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


if __name__ == "__main__":
    HTTPServer(("0.0.0.0", SETTINGS.get("port", 8000)), Handler).serve_forever()

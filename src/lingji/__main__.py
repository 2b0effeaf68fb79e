from lingji.cli import app

app()

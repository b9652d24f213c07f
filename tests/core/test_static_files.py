"""collectstatic takes ECharts' minified bundle and none of the rest of its dist/ folder."""

from django.apps import apps
from django.contrib.staticfiles import finders


def _collected() -> set[str]:
    ignore = apps.get_app_config("staticfiles").ignore_patterns
    return {
        f"{storage.prefix}/{path}" if getattr(storage, "prefix", None) else path
        for finder in finders.get_finders()
        for path, storage in finder.list(ignore)
    }


def test_only_the_minified_echarts_bundle_is_collected() -> None:
    echarts = {path for path in _collected() if path.startswith("vendor/echarts/")}
    assert echarts == {"vendor/echarts/echarts.min.js"}


def test_the_site_stylesheet_is_still_collected() -> None:
    assert "tianping/css/site.css" in _collected()

from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tianping.core"
    label = "core"
    verbose_name = _("基础")


# The pages use ECharts' one minified bundle. The rest of its dist/ (sources, source maps, ESM and
# partial builds: ~80 MB) would be copied, hashed and brotli-compressed by every collectstatic.
ECHARTS_UNUSED = [
    "echarts*.map",
    "echarts*.mjs",
    "package.json",
    "extension",
    "echarts.js",
    "echarts.common*",
    "echarts.simple*",
    "echarts.esm*",
]


class TianpingStaticFilesConfig(StaticFilesConfig):
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, *ECHARTS_UNUSED]

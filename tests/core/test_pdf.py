"""Court documents render to real PDF with Chinese text, and never fetch from the network."""

import pytest
from django.template import engines

from tianping.core.pdf import ExternalResourceRefused, html_to_pdf, pdf_text


def _document(body: str) -> str:
    source = '{% extends "print/base.html" %}{% block body %}' + body + "{% endblock %}"
    template = engines["django"].from_string(source)
    return template.render({})


def test_chinese_text_survives_layout():
    body = '<p class="court">北京市朝阳区人民法院</p><p>原告张三诉被告李四买卖合同纠纷一案。</p>'
    data = html_to_pdf(_document(body))
    assert data.startswith(b"%PDF-")
    text = pdf_text(data).replace("\n", "")
    assert "北京市朝阳区人民法院" in text
    assert "买卖合同纠纷" in text


def test_fonts_are_embedded():
    data = html_to_pdf(_document("<p>天平</p>"))
    assert b"/FontFile" in data or b"/Subtype /OpenType" in data  # the CJK font travels with the document


def test_external_resources_are_refused():
    with pytest.raises(ExternalResourceRefused):
        html_to_pdf(_document('<img src="http://127.0.0.1:9/x.png">'))

"""Pages from executed notebooks: report text stays text, code hidden except where it failed."""

from __future__ import annotations

import nbformat
import pytest

from reportlib.study.htmlexport import PageInfo, index_html, notebook_html, skipped_html

XSS = "<script>alert(1)</script>"
INFO = PageInfo("10_district-xuhui", "ok", "0.1.0", "ab" * 32, {"district": "xuhui", "raw_dir": None}, 1.5)


def _output(mime: str, data: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={mime: data, "text/plain": "x"})


def _notebook(*outputs, source="display(x)", error=False) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source, outputs=list(outputs))
    if error:
        cell.outputs.append(nbformat.v4.new_output("error", ename="AssertionError", evalue="forced",
                                                   traceback=["AssertionError: forced"]))
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 徐汇区"), cell])


@pytest.mark.parametrize("mime, data", [
    ("text/markdown", f"坚持承压而上{XSS}经济运行总体平稳"),  # display(Markdown(report_text))
    ("text/html", f"<table><tr><td>一年来,<b>全区</b>{XSS}</td></tr></table>"),  # raw HTML output
    ("text/html", f"<p onclick=\"alert(1)\">全区</p><img src=x onerror=\"alert(1)\">{XSS}"),
])
def test_report_markup_never_runs(mime, data):
    page = notebook_html(_notebook(_output(mime, data)), INFO)
    assert "<script>alert" not in page
    assert "onerror=" not in page and "onclick=" not in page
    assert "alert(1)" in page  # the text is still there, escaped


def test_dataframe_tables_keep_their_structure():
    html = ('<div><style scoped>.dataframe tbody tr th {vertical-align: top;}</style>'
            '<table border="1" class="dataframe"><thead><tr><th>heading</th></tr></thead>'
            '<tbody><tr><td>&lt;script&gt;alert(1)&lt;/script&gt;</td></tr></tbody></table></div>')
    page = notebook_html(_notebook(_output("text/html", html)), INFO)
    assert "<thead>" in page and "<tbody>" in page and "&lt;thead&gt;" not in page
    assert "vertical-align: top;}" not in page  # pandas' style block is not printed as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_code_is_hidden_unless_asked_or_failed():
    nb = _notebook(source="secret_call()")
    assert "secret_call" not in notebook_html(nb, INFO)
    assert "secret_call" in notebook_html(nb, INFO, show_code=True)
    assert "secret_call" in notebook_html(_notebook(source="secret_call()", error=True), INFO)


def test_page_header_shows_version_data_hash_and_parameters():
    page = notebook_html(_notebook(), INFO)
    assert "0.1.0" in page and "abababababababab" in page
    assert "&quot;district&quot;: &quot;xuhui&quot;" in page or '"district": "xuhui"' in page


def test_index_escapes_errors_and_links_every_page():
    pages = [INFO, PageInfo("10_district-putuo", "failed", "0.1.0", "ab" * 32, {}, 2.0, f"ValueError: {XSS}"),
             PageInfo("20_comparison", "skipped", "0.1.0", "ab" * 32, {}, None, "upstream 03_topics")]
    index = index_html(pages)
    assert "<script>alert" not in index
    for name in ("10_district-xuhui", "10_district-putuo", "20_comparison"):
        assert f'href="{name}.html"' in index
    assert "skipped" in skipped_html(pages[2]) and "upstream 03_topics" in skipped_html(pages[2])


def test_pages_load_nothing_from_the_network():
    page = notebook_html(_notebook(_output("image/png", "iVBORw0KGgo=")), INFO)
    assert "<script" not in page and "cdnjs" not in page
    assert 'src="data:image/png;base64,iVBORw0KGgo=' in page  # figures embedded

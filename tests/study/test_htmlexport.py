"""Pages from executed notebooks: report text stays text, code hidden except where it failed."""

from __future__ import annotations

import nbformat
import pytest

from reportlib.study.htmlexport import PageInfo, index_html, notebook_html, skipped_html, status_html

XSS = "<script>alert(1)</script>"
INFO = PageInfo("10_place-xuhui", "ok", "0.1.0", "ab" * 32, {"place": "xuhui", "raw_dir": None}, 1.5)


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


def test_page_footer_shows_version_and_data_hash_but_no_local_path():
    info = PageInfo("10_place-xuhui", "ok", "0.1.0", "ab" * 32, {"raw_dir": "/home/me/raw"}, 1.5)
    page = notebook_html(_notebook(_output("text/markdown", "正文")), info)
    assert "0.1.0" in page and "abababababab" in page
    assert "/home/me/raw" not in page
    assert page.index("徐汇区") < page.index("0.1.0")  # provenance after the content


def _cells(*cells) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=list(cells))


def _tagged(cell, tag):
    cell.metadata["tags"] = [tag]
    return cell


def test_one_language_per_page():
    nb = _cells(_tagged(nbformat.v4.new_markdown_cell("# 各地比较"), "lang-zh"),
                _tagged(nbformat.v4.new_markdown_cell("# The places compared"), "lang-en"),
                nbformat.v4.new_code_cell("x", outputs=[_output("text/markdown", "正文")]))
    zh = notebook_html(nb, INFO)
    en = notebook_html(nb, PageInfo(**{**INFO.__dict__, "lang": "en"}))
    assert "各地比较" in zh and "The places compared" not in zh and '<html lang="zh-CN">' in zh
    assert "The places compared" in en and "各地比较" not in en and '<html lang="en">' in en


def test_plumbing_is_not_shown():
    """A bare repr (a path, a Series' dtype), stderr and a heading with nothing under it stay off the page."""
    path = nbformat.v4.new_output("execute_result", data={"text/plain": "PosixPath('/x/outputs/tables/a.csv')"},
                                  execution_count=1)
    series = nbformat.v4.new_output("execute_result", data={"text/plain": "a    1\ndtype: int64"}, execution_count=2)
    err = nbformat.v4.new_output("stream", name="stderr", text="WARNING reportlib: something")
    nb = _cells(nbformat.v4.new_markdown_cell("# 徐汇区"),
                nbformat.v4.new_code_cell("x", outputs=[path, series, err, _output("text/markdown", "正文")]),
                nbformat.v4.new_markdown_cell("## Checks"), nbformat.v4.new_code_cell("assert True"))
    page = notebook_html(nb, INFO)
    assert "PosixPath" not in page and "dtype: int64" not in page and "WARNING" not in page
    assert "Checks" not in page and "徐汇区" in page


def test_index_escapes_errors_and_links_every_page():
    pages = [INFO, PageInfo("10_place-putuo", "failed", "0.1.0", "ab" * 32, {}, 2.0, f"ValueError: {XSS}"),
             PageInfo("20_comparison", "skipped", "0.1.0", "ab" * 32, {}, None, "upstream 03_topics")]
    index = index_html(pages)
    assert "<script>alert" not in index
    for name in ("10_place-xuhui", "10_place-putuo", "20_comparison"):
        assert f'href="{name}.html"' in index
    assert "未运行" in skipped_html(pages[2]) and "upstream 03_topics" in skipped_html(pages[2])
    assert "status.html" in index  # build status: the footer links its own page
    status = status_html(pages)
    assert "<script>alert" not in status and "失败" in status and "未运行" in status  # the page set's words
    english = status_html(pages, lang="en")
    assert "failed" in english and "skipped" in english and "失败" not in english


def test_pages_load_nothing_from_the_network():
    page = notebook_html(_notebook(_output("image/png", "iVBORw0KGgo=")), INFO)
    assert "<script" not in page and "cdnjs" not in page
    assert 'src="data:image/png;base64,iVBORw0KGgo=' in page  # figures embedded

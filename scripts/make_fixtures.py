#!/usr/bin/env python3
"""Generates tests/fixtures/ from seeds/S-2020-911.zh.txt (run through scripts/make-fixtures).

Everything is written from this file with the standard library only, deterministically:
fixed-seed PRNGs, fixed timestamps and sorted entries in zips, and the PDF's dates and
/ID pinned after LibreOffice wrote it. The synthetic letters below are hand-written for
the tests (they are not UN documents). Each generated file is checked here (round trips,
LibreOffice reading the docx back, pdftotext reading the PDF back); the script exits
non-zero when a check fails.
"""
from __future__ import annotations

import collections
import html
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import textwrap
import zipfile
import zlib
from xml.sax.saxutils import escape as xml_escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "seeds", "S-2020-911.zh.txt")
OUT = os.path.join(ROOT, "tests", "fixtures")
BROKEN = os.path.join(OUT, "broken")

ZIP_TIME = (2020, 9, 17, 0, 0, 0)  # fixed timestamp for every zip entry
PDF_DATE = "20200917000000"       # replaces LibreOffice's CreationDate digits

failures: list[str] = []
notes: list[str] = []


def check(ok: bool, what: str) -> None:
    print(("  ok    " if ok else "  FAIL  ") + what)
    if not ok:
        failures.append(what)


def write(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def rel(path: str) -> str:
    return os.path.relpath(path, ROOT)


# --------------------------------------------------------------------------------------
# Re-flowing the seed: drop page furniture, join hard-wrapped lines, classify blocks.
# --------------------------------------------------------------------------------------

ANNEX_LABEL = re.compile(r"^附件[一二三四五六七八九十]*$")
ORIGINAL_NOTE = re.compile(r"^\[原件[：:].*\]$")
SENTENCE_END = re.compile(r"[。！？!?][”’」』）)]*$")


def is_furniture(line: str) -> bool:
    s = line.replace("\ufffd", " ").strip()
    if re.fullmatch(r"S/(PRST/)?\d{4}/\d+", s):
        return True
    # job number footers: "20-12063  5/20", "20/20  20-12063", "21-07001 (E)  250521"
    if re.fullmatch(r"(\d+/\d+\s+)?\d{2}-\d{5}(\s*\([A-Z]\))?(\s+\d+/\d+|\s+\d{6})?", s):
        return True
    return bool(re.fullmatch(r"\*\d{7}\*", s))


def join_lines(lines: list[str]) -> str:
    out = ""
    for line in lines:
        if out and out[-1].isascii() and out[-1].isalpha() and line[:1].isascii() and line[:1].isalpha():
            out += " "
        out += line
    return out


def reflow(text: str) -> list[tuple[str, object]]:
    """Returns blocks: ("title"|"para"|"annex"|"heading"|"original", str) or ("signature", [lines])."""
    raw = [l.strip() for l in text.split("\n")]
    lines: list[str] = []  # content lines and "" for paragraph breaks
    page_break = False
    for line in raw:
        if is_furniture(line):
            page_break = True
            while lines and lines[-1] == "":
                lines.pop()
            continue
        if line == "":
            if not page_break:
                lines.append(line)
            continue
        if page_break:
            # a page break inside a paragraph joins; after a finished sentence it separates
            if lines and SENTENCE_END.search(lines[-1]):
                lines.append("")
            page_break = False
        lines.append(line)

    raw_blocks: list[list[str]] = [[]]
    for line in lines:
        if line == "":
            raw_blocks.append([])
        elif ANNEX_LABEL.match(line):
            raw_blocks.append([line])
            raw_blocks.append([])
        else:
            raw_blocks[-1].append(line)
    raw_blocks = [b for b in raw_blocks if b]

    blocks: list[tuple[str, object]] = []
    want_heading = False
    for i, b in enumerate(raw_blocks):
        if i == 0:
            blocks.append(("title", join_lines(b)))
        elif len(b) == 1 and ANNEX_LABEL.match(b[0]):
            blocks.append(("annex", b[0]))
            want_heading = True
            continue
        elif want_heading:
            blocks.append(("heading", join_lines(b)))
        elif len(b) == 1 and ORIGINAL_NOTE.match(b[0]):
            blocks.append(("original", b[0]))
        elif any("签名" in l for l in b) and all(len(l) < 20 for l in b):
            blocks.append(("signature", list(b)))
        else:
            blocks.append(("para", join_lines(b)))
        want_heading = False
    return blocks


def block_text(block: tuple[str, object]) -> str:
    kind, value = block
    return "\n".join(value) if kind == "signature" else str(value)


# --------------------------------------------------------------------------------------
# Wrapping synthetic texts the way PDF extraction hard-wraps them.
# --------------------------------------------------------------------------------------

NO_LINE_START = set("，。、；：？！）》”’」』%")


def wrap_zh(text: str, width: float = 34) -> list[str]:
    tokens = re.findall(r"[\x21-\x7e]+|.", text)
    lines, cur, w = [], "", 0.0
    for t in tokens:
        tw = sum(0.5 if c.isascii() else 1.0 for c in t)
        if cur and w + tw > width and t[0] not in NO_LINE_START:
            lines.append(cur.rstrip())
            cur, w = "", 0.0
            if t == " ":
                continue
        cur += t
        w += tw
    if cur:
        lines.append(cur.rstrip())
    return lines


def wrap_en(text: str, width: int = 80) -> list[str]:
    return textwrap.wrap(text, width=width, break_on_hyphens=False, break_long_words=False)


def layout(blocks: list[tuple[str, str]], wrap) -> list[str]:
    """blocks: (kind, text); kind "raw…" keeps the lines as written, others are wrapped.
    Blocks are separated by one blank line, except "…-tight" ones that follow directly."""
    out: list[str] = []
    for kind, text in blocks:
        if out and not kind.endswith("-tight"):
            out.append("")
        if kind.startswith("raw"):
            out.extend(text.split("\n"))
        else:
            out.extend(wrap(text))
    return out


def insert_page_break(lines: list[str], after_phrase: str, furniture: list[str]) -> list[str]:
    """Puts page furniture after the first line containing after_phrase, mid-paragraph,
    with the blank lines pdftotext leaves around a page's header and footer."""
    for i, l in enumerate(lines):
        if after_phrase in l:
            return lines[: i + 1] + ["", "", ""] + sum(([f, ""] for f in furniture), []) + lines[i + 1 :]
    raise SystemExit(f"page break anchor not found: {after_phrase}")


# --------------------------------------------------------------------------------------
# Synthetic texts (hand-written for the tests; not UN documents).
# --------------------------------------------------------------------------------------

EN_TITLE = ("Letter dated 20 May 2021 from the President of the Security Council addressed "
            "to the Secretary-General and the Permanent Representatives of the members of "
            "the Security Council")

EN_LETTER = [
    ("raw", "United Nations\n\nS/2021/999\n\nSecurity Council\n\nDistr.: General\n21 May 2021\n\nOriginal: English"),
    ("title", EN_TITLE),
    ("p", "I have the honour to transmit herewith copies of the statements delivered by the "
          "representatives of Estonia, China and Viet Nam in connection with the videoconference "
          "on “United Nations peacekeeping operations: improving the performance and safety of "
          "peacekeepers”, convened on Tuesday, 18 May 2021."),
    ("p", "The videoconference took stock of the implementation of resolution 2518 (2020) on the "
          "safety and security of peacekeepers, one year after its adoption, and of the progress "
          "made under the Action for Peacekeeping initiative."),
    ("p", "In accordance with the procedure set out in the letter dated 7 May 2020 from the "
          "President of the Security Council addressed to the Permanent Representatives of the "
          "members of the Security Council (S/2020/372), which was agreed in the light of the "
          "extraordinary circumstances caused by the coronavirus disease (COVID-19) pandemic, the "
          "enclosed statements will be issued as a document of the Security Council."),
    ("raw", "(Signed) Tarek Ladeb\nPresident of the Security Council"),
    ("raw", "Annex I"),
    ("p-tight", "Statement by the Permanent Representative of Estonia to the United Nations, Sven Jürgenson"),
    ("p", "I thank Under-Secretary-General Jean-Pierre Lacroix for his briefing. Let me begin by "
          "paying tribute to the men and women who serve under the blue flag in increasingly "
          "dangerous environments, and to those who have lost their lives in the service of "
          "peace, including the peacekeepers of the United Nations Multidimensional Integrated "
          "Stabilization Mission in Mali (MINUSMA) killed in attacks earlier this year."),
    ("p", "Estonia believes that improving the performance of peacekeeping operations remains at "
          "the heart of the Action for Peacekeeping agenda. The Comprehensive Planning and "
          "Performance Assessment System (CPAS) is now used in all multidimensional missions, and "
          "we encourage the Secretariat to share its findings with the Council ahead of mandate "
          "renewals. The data collected through CPAS should inform force generation, training and "
          "the allocation of resources, in line with resolution 2436 (2018)."),
    ("p", "Performance cannot be separated from the protection of civilians. In central Mali, "
          "MINUSMA has shown that mobile task forces and temporary operating bases allow a mission "
          "to respond faster to threats against civilians. Stronger early warning mechanisms and "
          "regular engagement with local communities, including through community liaison "
          "assistants, are just as important as equipment."),
    ("p", "Finally, Estonia welcomes resolution 2538 (2020), the first resolution dedicated to "
          "women in peacekeeping. Women peacekeepers make missions more effective and improve "
          "their access to the population. The COVID-19 pandemic has made that engagement harder, "
          "and we call on all troop- and police-contributing countries to keep the targets of the "
          "Uniformed Gender Parity Strategy 2018–2028 within reach."),
    ("raw", "Annex II"),
    ("p-tight", "Statement by the Deputy Permanent Representative of China to the United Nations, Geng Shuang"),
    ("raw", "[Original: Chinese]"),
    ("p", "I thank Under-Secretary-General Lacroix for his briefing. China pays tribute to the "
          "peacekeepers who carry out their mandates under the difficult conditions created by "
          "the COVID-19 pandemic, and we mourn those who have made the ultimate sacrifice."),
    ("p", "First, the safety and security of peacekeepers must be ensured. Resolution 2518 (2020) "
          "sets out clear requirements in this regard. The Secretariat should improve early "
          "warning, medical support and casualty evacuation, and should give priority to the "
          "vaccination of peacekeepers against COVID-19. China stands ready to provide vaccines "
          "to peacekeepers deployed in the field."),
    ("p", "Secondly, performance evaluation should be objective and comprehensive. CPAS and the "
          "Integrated Peacekeeping Performance and Accountability Framework should take into "
          "account the different conditions of each mission area and the actual capacities of "
          "troop- and police-contributing countries. Cutting budgets across the board is not the "
          "way to improve performance, and mandates must be matched with adequate resources."),
    ("p", "Thirdly, the primary responsibility for the protection of civilians lies with the "
          "host country. Peacekeeping operations should support national capacity-building and "
          "the political process rather than replace them. China supports the implementation of "
          "resolution 2538 (2020) and will continue to deploy women peacekeepers to MINUSMA and "
          "other missions."),
    ("raw", "Annex III"),
    ("p-tight", "Statement by the Permanent Mission of Viet Nam to the United Nations"),
    ("raw", "[Original: English and French]"),
    ("p", "Viet Nam thanks Under-Secretary-General Jean-Pierre Lacroix for his comprehensive "
          "briefing and commends the men and women serving in peacekeeping operations during the "
          "COVID-19 pandemic."),
    ("p", "As a troop-contributing country that has deployed level-2 field hospitals to the United "
          "Nations Mission in South Sudan, Viet Nam attaches great importance to medical capacity "
          "and to the full implementation of resolution 2518 (2020). Adequate training, equipment "
          "and medical support are preconditions for good performance."),
    ("p", "We support the full, equal and meaningful participation of women in peacekeeping, as "
          "called for in resolution 2538 (2020). Viet Nam has increased the share of women in the "
          "rotations of its field hospital and will continue to do so."),
    ("p", "Lastly, performance assessment tools, including CPAS, should be applied in close "
          "consultation with troop- and police-contributing countries and host countries, so that "
          "the lessons learned in MINUSMA and other missions translate into better protection of "
          "civilians on the ground."),
]


def english_letter() -> str:
    lines = layout(EN_LETTER, wrap_en)
    # end of page 1 (after the signature): job number footer and barcode; page 2 header
    i = lines.index("President of the Security Council")
    lines = lines[: i + 1] + ["", "", "", "21-07001 (E)    250521", "", "*2107001*", "", "S/2021/999", ""] + lines[i + 1 :]
    # a page break in the middle of a paragraph of annex II
    lines = insert_page_break(lines, "sets out clear requirements", ["2/3\t21-07001", "S/2021/999"])
    return "\n".join(lines) + "\n"


ZH_SINGLE = [
    ("title", "2021年3月2日中国常驻联合国代表给秘书长的信"),
    ("p", "谨随函转递2021年3月1日中华人民共和国常驻联合国代表团关于联合国维持和平行动的声明"
          "（见附件）。"),
    ("p", "请将本信及其附件作为安全理事会的文件分发为荷。"),
    ("raw", "常驻代表\n张军(签名)"),
    ("raw-tight", "附件"),
    ("p-tight", "2021年3月1日中华人民共和国常驻联合国代表团关于联合国维持和平行动的声明"),
    ("p", "联合国维持和平行动是维护国际和平与安全的重要手段。中方高度重视维和行动在新冠肺炎疫情"
          "背景下面临的困难和挑战，向坚守岗位的各国维和人员致以崇高敬意。"),
    ("p", "维和人员的安全是维和行动顺利开展的前提。中方支持秘书处全面落实第2518（2020）号决议，"
          "加强预警能力、医疗保障和伤员后送，并优先为一线维和人员接种新冠疫苗。中方愿为此继续"
          "提供力所能及的支持。"),
    ("p", "提高维和行动绩效需要各方共同努力。绩效评估应客观全面，充分考虑不同任务区的实际情况"
          "以及出兵国和出警国的能力，不应简单以削减经费为手段。中方支持妇女充分、平等、切实地参与"
          "维和行动，将继续向联合国马里多层面综合稳定团等特派团派遣女性维和人员。"),
    ("p", "中方将一如既往地支持联合国维和事业，同各方一道推动“以行动促维和”倡议取得更多实效。"),
]


def single_annex() -> str:
    lines = layout(ZH_SINGLE, wrap_zh)
    lines = insert_page_break(lines, "加强预警能力", ["S/2021/213", "2/3 21-02987"])
    return "\n".join(lines) + "\n"


ZH_PRST = [
    ("raw", "联合国\nS/PRST/2021/5\n安全理事会\nDistr.: General\n2021年3月10日\n中文\n原件：英文"),
    ("title", "安全理事会主席的声明"),
    ("p", "在2021年3月10日安全理事会第8771次会议上，安全理事会主席在安理会审议题为“联合国维持"
          "和平行动”的项目时，代表安理会发表如下声明："),
    ("p", "1. “安全理事会重申其根据《联合国宪章》承担的维护国际和平与安全的首要责任。"),
    ("p", "2. 安全理事会重申第2436（2018）号决议，强调必须以所有相关业绩数据为基础，全面提高"
          "维持和平行动的业绩，并加强对维和人员和文职人员的问责。"),
    ("p", "3. 安全理事会回顾其主席声明（S/PRST/2020/1），重申其对维持和平行动"
          "基本原则的承诺，包括当事方同意、公正以及除自卫和执行任务授权外不使用武力。"),
    ("p", "4. 安全理事会关切地注意到冠状病毒病（COVID-19）大流行给维和人员带来的风险，鼓励"
          "秘书长继续采取措施保障维和人员的健康、安全与安保。"),
    ("p", "5. 安全理事会强调妇女充分、平等、切实地参与维持和平行动的重要性，并请秘书长在其定期"
          "报告中列入这方面的进展情况。”"),
    ("raw", "\n21-03321 (C)    110321\n*2103321*"),
]


def prst() -> str:
    return "\n".join(layout(ZH_PRST, wrap_zh)) + "\n"


EN_RESOLUTION = [
    ("raw", "United Nations\n\nS/RES/2538 (2020)\n\nSecurity Council\n\nDistr.: General\n28 August 2020"),
    ("raw", "Resolution 2538 (2020)"),
    ("raw", "Adopted by the Security Council at its 8756th meeting, on 28 August 2020"),
    ("raw", "The Security Council,"),
    ("p", "Recalling its primary responsibility under the Charter of the United Nations for the "
          "maintenance of international peace and security, and its resolutions on women and "
          "peace and security, including resolution 1325 (2000),"),
    ("p", "Reaffirming its commitment to the Action for Peacekeeping initiative and to the "
          "Declaration of Shared Commitments on United Nations Peacekeeping Operations,"),
    ("p", "Recognizing the indispensable role of women in increasing the overall performance and "
          "effectiveness of peacekeeping operations, including in the protection of civilians,"),
    ("p", "Noting with concern the low number of women deployed in military and police contingents "
          "and the additional barriers created by the coronavirus disease (COVID-19) pandemic,"),
    ("p", "1. Calls upon Member States to develop strategies and measures to increase the "
          "deployment of uniformed women to peacekeeping operations, including by sharing best "
          "practices and addressing barriers to their recruitment, deployment and promotion;"),
    ("p", "2. Requests the Secretary-General to continue implementing the Uniformed Gender Parity "
          "Strategy 2018–2028 and to ensure safe, enabling and gender-sensitive working "
          "environments in peacekeeping operations;"),
    ("p", "3. Encourages Member States and the Secretariat to cooperate in providing training "
          "opportunities for uniformed women, including through the Elsie Initiative Fund;"),
    ("p", "4. Requests the Secretary-General to include information on the implementation of the "
          "present resolution in his regular reports on peacekeeping operations;"),
    ("p", "5. Decides to remain actively seized of the matter."),
    ("raw", "\n20-11357 (E)\n*2011357*"),
]


def resolution() -> str:
    return "\n".join(layout(EN_RESOLUTION, wrap_en)) + "\n"


# An English letter as `pdftotext -layout` gives it: the first-page header in columns and an
# annex title wrapped over two lines.
LAYOUT_EN = 'United Nations                                                    S/2024/1234\nSecurity Council                                       Distr.: General\n                                                       3 March 2024\n\n                                                       Original: English\n\nLetter dated 1 March 2024 from the Permanent Representative of Norway to\nthe United Nations addressed to the President of the Security Council\n\nI have the honour to transmit herewith the statement delivered by Norway at the open\ndebate on climate, peace and security held on 27 February 2024 (see annex).\n\nI should be grateful if the present letter and its annex could be circulated as a\ndocument of the Security Council.\n\n(Signed) Merete Fjeld Brattested\nPermanent Representative\n\nAnnex to the letter dated 1 March 2024 from the Permanent Representative of Norway\nto the United Nations addressed to the President of the Security Council\n\nStatement by the Permanent Representative of Norway to the United Nations, Merete Fjeld Brattested\n\nClimate change is a threat multiplier. In the Sahel and the Horn of Africa, drought and\nfloods drive displacement and fuel competition over scarce resources.\n\nNorway welcomes the deployment of climate security advisers to the United Nations\nMultidimensional Integrated Stabilization Mission in Mali and to the United Nations\nMission in South Sudan, and calls for their inclusion in every relevant mandate, in line\nwith resolution 2349 (2017).\n\nThe protection of civilians, including women and children, must remain at the heart of\npeacekeeping. Humanitarian access must be guaranteed and sanctions regimes should carry\nhumanitarian exemptions as set out in resolution 2664 (2022).\n\nFinally, Norway reaffirms its support for the Peacebuilding Commission and for adequate,\npredictable and sustained financing for peacebuilding.\n'

NO_STRUCTURE = """联合国维持和平行动自1948年开展以来，已成为国际社会维护和平与安全的重要工具。维和人员来自一百多个国家，在十几个任务区执行停火监督、保护平民、协助选举和支持法治等多种任务。

随着冲突形态日益复杂，维和行动面临的安全风险不断上升。简易爆炸装置、武装团体袭击和传染病都威胁着维和人员的生命安全。提高营地防护能力、改善医疗后送安排、加强预警和情报共享，是减少伤亡的有效办法。

维和行动的成效最终取决于政治进程的进展。只有当事各方真正致力于和平，维和人员的努力才能转化为持久的安全与发展。维和特派团在撤出之前，应当与东道国政府、联合国国家工作队和区域组织做好交接，避免出现安全真空。

妇女参与维和有助于特派团更好地接触当地社区，特别是妇女和儿童。越来越多的出兵国正在增加女性军官和警察的派遣人数，这一趋势值得鼓励。
"""

BIG5_TEXT = """安全理事會重申其維護國際和平與安全的首要責任，並強調聯合國維持和平行動在保護平民方面的重要作用。
安理會歡迎秘書長「以行動促維和」倡議，鼓勵會員國、出兵國和出警國繼續提高維和人員的業績、安全與保障。
"""


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------

def esc(s: str) -> str:
    return html.escape(s, quote=False)


def make_html(blocks) -> str:
    paras_done = {"ldquo": False, "numeric": False, "nbsp": False, "dash": False, "middot": False, "link": False}

    def para_html(text: str) -> str:
        h = esc(text)
        if not paras_done["ldquo"] and "“" in text and "”" in text:
            h = h.replace("“", "&ldquo;").replace("”", "&rdquo;")
            paras_done["ldquo"] = True
        elif not paras_done["numeric"] and "“" in text and "”" in text:
            h = h.replace("“", "&#8220;").replace("”", "&#8221;")
            paras_done["numeric"] = True
        if not paras_done["nbsp"] and "第2518 (2020)" in text:
            h = h.replace("第2518 (2020)", "第2518&nbsp;(2020)", 1)
            paras_done["nbsp"] = True
        if not paras_done["dash"] and "——" in text:
            h = h.replace("——", "&#x2014;&#x2014;")
            paras_done["dash"] = True
        if "·" in text and not paras_done["middot"]:
            h = h.replace("·", "&middot;")
            paras_done["middot"] = True
        for sym in ("S/2020/897", "S/2020/372"):
            if sym in h:
                h = h.replace(sym, f'<a href="https://undocs.org/zh/{sym}">{sym}</a>', 1)
                paras_done["link"] = True
        return h

    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>S/2020/911 - 联合国安全理事会</title>",
        '<link rel="stylesheet" href="/css/site.css">',
        "<style>",
        "/* STYLE_MUST_NOT_APPEAR */",
        "body { font-family: SimSun, \"Noto Serif CJK SC\", serif; max-width: 48em; margin: 0 auto; }",
        "nav ul { list-style: none; display: flex; gap: 1em; }",
        "h2, h3 { text-align: center; }",
        ".signature { text-align: right; }",
        ".doc-symbol::after { content: \"STYLE_MUST_NOT_APPEAR\"; }",
        "</style>",
        "<script>",
        "// SCRIPT_MUST_NOT_APPEAR",
        "window.dataLayer = window.dataLayer || [];",
        "var banner = \"<p>SCRIPT_MUST_NOT_APPEAR</p>\";",
        "if (window.innerWidth < 600 && document.cookie.indexOf(\"lang=zh\") > -1) { console.log(banner); }",
        "</script>",
        "</head>",
        "<body>",
        "<!-- COMMENT_MUST_NOT_APPEAR: saved from the UN documents site -->",
        "<nav>",
        "<ul>",
        '<li><a href="/zh/">首页</a></li>',
        '<li><a href="/zh/sc/">安全理事会</a></li>',
        '<li><a href="/zh/peace/">和平与安全 &amp; 维持和平</a></li>',
        '<li><a href="/zh/documents/?symbol=S/2020/911&amp;lang=zh">文件</a></li>',
        "</ul>",
        "</nav>",
        "<main>",
        '<article class="document" lang="zh-CN">',
        '<div class="doc-symbol">S/2020/911</div>',
    ]
    in_annex = False
    n_annex = 0
    for kind, value in blocks:
        if kind == "title":
            out.append(f"<h1>{esc(value)}</h1>")
        elif kind == "annex":
            if in_annex:
                out.append("</section>")
            n_annex += 1
            out.append(f'<section class="annex" id="annex-{n_annex}">')
            out.append(f"<h2>{esc(value)}</h2>")
            in_annex = True
        elif kind == "heading":
            out.append(f"<h3>{para_html(value)}</h3>")
        elif kind == "original":
            out.append(f'<p class="original">{esc(value)}</p>')
        elif kind == "signature":
            out.append('<p class="signature">' + "<br>".join(esc(l) for l in value) + "</p>")
        else:
            out.append(f"<p>{para_html(value)}</p>")
    if in_annex:
        out.append("</section>")
    out += [
        "</article>",
        "</main>",
        "<footer>",
        "<p>&copy; 联合国</p>",
        "</footer>",
        '<script src="/js/analytics.js"></script>',
        "</body>",
        "</html>",
    ]
    assert all(paras_done.values()), paras_done
    return "\n".join(out) + "\n"


class TextOfHtml:
    """Extracts the letter's block texts from seed.html with the stdlib parser (a check
    that the page decodes to the re-flowed text)."""

    def __init__(self, data: str):
        from html.parser import HTMLParser

        blocks: list[str] = []
        state = {"in_article": False, "skip": 0, "cur": None}

        class P(HTMLParser):
            def handle_starttag(self, tag, attrs):
                if tag in ("script", "style"):
                    state["skip"] += 1
                if tag == "article":
                    state["in_article"] = True
                if state["in_article"] and tag in ("p", "h1", "h2", "h3"):
                    state["cur"] = ""
                if tag == "br" and state["cur"] is not None:
                    state["cur"] += "\n"

            def handle_endtag(self, tag):
                if tag in ("script", "style"):
                    state["skip"] -= 1
                if tag == "article":
                    state["in_article"] = False
                if tag in ("p", "h1", "h2", "h3") and state["cur"] is not None:
                    blocks.append(state["cur"])
                    state["cur"] = None

            def handle_data(self, d):
                if state["cur"] is not None and not state["skip"]:
                    state["cur"] += d

        P(convert_charrefs=True).feed(data)
        self.blocks = blocks


# --------------------------------------------------------------------------------------
# DOCX (OOXML written by hand: no dependency, byte-for-byte reproducible)
# --------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ZH_FONT = "WenQuanYi Micro Hei"  # TrueType; LibreOffice embeds subsets of it with ToUnicode maps


def w_t(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() or "  " in text else ""
    return f"<w:t{space}>{xml_escape(text)}</w:t>"


def w_run(text: str, rpr: str = "") -> str:
    return f"<w:r>{'<w:rPr>' + rpr + '</w:rPr>' if rpr else ''}{w_t(text)}</w:r>"


def w_par(inner: str, style: str | None = None, ppr_extra: str = "") -> str:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr_extra
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{inner}</w:p>"


def split_runs(text: str) -> str:
    """The ordinary paragraph: one run, except where a feature is planted."""
    return w_run(text)


def make_docx(blocks) -> tuple[bytes, dict]:
    planted = {"bold": False, "hyperlink": False, "noise": False, "italic": False}
    body: list[str] = []
    first_para = True
    for kind, value in blocks:
        if kind == "title":
            body.append(w_par(w_run(value), "Title"))
        elif kind == "annex":
            body.append(w_par(w_run(value), "Heading1", '<w:pageBreakBefore/>'))
        elif kind == "heading":
            body.append(w_par(w_run(value), "Heading2"))
        elif kind == "original":
            body.append(w_par(w_run(value), "OriginalNote"))
        elif kind == "signature":
            lines = list(value)
            inner = "<w:r>" + "<w:br/>".join(w_t(l) for l in lines) + "</w:r>"
            body.append(w_par(inner, "Signature"))
        else:
            text = value
            bold = "第2436（2018）号决议"
            if not planted["bold"] and bold in text:
                a, b = text.split(bold, 1)
                inner = w_run(a) + w_run(bold, "<w:b/><w:bCs/>") + w_run(b)
                planted["bold"] = True
            elif not planted["hyperlink"] and "S/2020/897" in text:
                a, b = text.split("S/2020/897", 1)
                inner = (w_run(a)
                         + '<w:hyperlink r:id="rIdLink1" w:history="1">'
                         + w_run("S/2020/897", '<w:rStyle w:val="Hyperlink"/>')
                         + "</w:hyperlink>" + w_run(b))
                planted["hyperlink"] = True
            elif first_para:
                # Word-style noise between runs: proofing marks, a bookmark, a run split in
                # the middle of a word, a language-tagged run
                k1, k2 = 10, 23
                inner = (w_run(text[:k1]) + '<w:proofErr w:type="spellStart"/>'
                         + w_run(text[k1:k2], '<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/>')
                         + '<w:proofErr w:type="spellEnd"/><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>'
                         + w_run(text[k2:]))
                planted["noise"] = True
                first_para = False
            elif not planted["italic"] and "（COVID-19）" in text:
                a, b = text.split("（COVID-19）", 1)
                inner = w_run(a) + w_run("（COVID-19）", "<w:i/><w:iCs/>") + w_run(b)
                planted["italic"] = True
            else:
                inner = split_runs(text)
            body.append(w_par(inner))
    assert all(planted.values()), planted

    sect = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" '
            'w:footer="720" w:gutter="0"/></w:sectPr>')
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
        + "".join(body) + sect + "</w:body></w:document>"
    )

    def rfonts(ea=ZH_FONT):
        return f'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{ea}" w:cs="Times New Roman"/>'

    styles = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles xmlns:w="{W_NS}">'
        '<w:docDefaults><w:rPrDefault><w:rPr>' + rfonts()
        + '<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="360" w:lineRule="auto"/>'
        '</w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        # left-aligned: LibreOffice 7.4 drops a full-width comma at the end of some justified
        # (w:jc both) Chinese lines in its PDF export, so justified text loses characters
        '<w:pPr><w:ind w:firstLine="480"/><w:jc w:val="left"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
        '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="240" w:after="360"/><w:ind w:firstLine="0"/>'
        '<w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
        '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/>'
        '<w:ind w:firstLine="0"/><w:jc w:val="left"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:sz w:val="24"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>'
        '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="240"/>'
        '<w:ind w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="OriginalNote"><w:name w:val="Original Note"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:ind w:firstLine="0"/><w:jc w:val="right"/></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Signature"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:spacing w:before="360"/><w:ind w:firstLine="0"/><w:jc w:val="right"/></w:pPr></w:style>'
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>'
        "</w:styles>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
        '<Relationship Id="rIdLink1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://undocs.org/zh/S/2020/897" TargetMode="External"/>'
        "</Relationships>"
    )
    settings = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="720"/>'
        '<w:characterSpacingControl w:val="compressPunctuation"/>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>'
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title>S/2020/911</dc:title><dc:creator>UNSC Lens fixtures</dc:creator><dc:language>zh-CN</dc:language>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2020-09-17T00:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2020-09-17T00:00:00Z</dcterms:modified>'
        "</cp:coreProperties>"
    )
    app = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>scripts/make-fixtures</Application></Properties>"
    )
    parts = {
        "[Content_Types].xml": content_types,
        "_rels/.rels": rels,
        "docProps/app.xml": app,
        "docProps/core.xml": core,
        "word/_rels/document.xml.rels": doc_rels,
        "word/document.xml": document,
        "word/settings.xml": settings,
        "word/styles.xml": styles,
    }
    return make_zip({k: v.encode("utf-8") for k, v in parts.items()}), planted


def make_zip(files: dict[str, bytes]) -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, files[name], compresslevel=9)
    return buf.getvalue()


# --------------------------------------------------------------------------------------
# PNG and image-only PDF, written by hand
# --------------------------------------------------------------------------------------

def scan_pixels(w: int = 96, h: int = 64) -> bytes:
    """RGB pixels of a tiny 'scanned page': paper-white with grey bars where text lines are."""
    rnd = random.Random(911)
    rows = []
    for y in range(h):
        row = bytearray()
        line = (y - 8) // 6 if y >= 8 else -1
        in_text = 0 <= line < 8 and (y - 8) % 6 < 3
        end = 88 - rnd.randrange(0, 30) if in_text else 0
        for x in range(w):
            v = 250
            if in_text and 8 <= x < end and rnd.random() < 0.8:
                v = 40 + rnd.randrange(0, 60)
            row += bytes((v, v, v - 4))
        rows.append(bytes(row))
    return b"".join(rows)


def make_png(w: int = 96, h: int = 64) -> bytes:
    px = scan_pixels(w, h)
    raw = b"".join(b"\x00" + px[y * w * 3:(y + 1) * w * 3] for y in range(h))

    def chunk(t: bytes, d: bytes) -> bytes:
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def make_image_pdf(w: int = 96, h: int = 64) -> bytes:
    img = zlib.compress(scan_pixels(w, h), 9)
    content = b"q 480 0 0 320 57.5 440 cm /Im0 Do Q\n"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (w, h, len(img)) + img + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


# --------------------------------------------------------------------------------------
# External tools
# --------------------------------------------------------------------------------------

def soffice_convert(src: str, target: str, outdir: str, profile: str) -> str:
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--convert-to", target, "--outdir", outdir, src]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    ext = target.split(":")[0]
    out = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + "." + ext)
    if r.returncode != 0 or not os.path.exists(out):
        raise SystemExit(f"soffice failed ({' '.join(cmd)}):\n{r.stdout}\n{r.stderr}")
    return out


def pin_pdf(data: bytes) -> bytes:
    """Replaces LibreOffice's dates, document /ID and /DocChecksum with fixed values of the same length,
    so that the xref offsets stay valid and reruns give the same bytes."""
    def date(m):
        return m.group(1) + PDF_DATE.encode() + m.group(2)

    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}([^)]*\))", date, data)
    data = re.sub(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)[^<]*(</xmp)",
                  lambda m: m.group(1) + b"2020-09-17T00:00:00Z" + m.group(2), data)
    data = re.sub(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]",
                  lambda m: m.group(0).replace(m.group(1), b"0" * len(m.group(1))).replace(m.group(2), b"0" * len(m.group(2))),
                  data)
    data = re.sub(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)", lambda m: m.group(1) + b"0" * len(m.group(2)), data)
    return data


def han(s: str) -> collections.Counter:
    return collections.Counter(c for c in s if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf")


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------

def main() -> int:
    seed_bytes = open(SEED, "rb").read()
    seed = seed_bytes.decode("utf-8")
    os.makedirs(BROKEN, exist_ok=True)
    made: dict[str, str] = {}

    print("== encodings")
    for name, enc, bom in [
        ("seed.gb18030.txt", "gb18030", b""),
        ("seed.utf16le.txt", "utf-16-le", b"\xff\xfe"),
        ("seed.utf16be.txt", "utf-16-be", b"\xfe\xff"),
        ("seed.utf8bom.txt", "utf-8", b"\xef\xbb\xbf"),
    ]:
        data = bom + seed.encode(enc)
        write(os.path.join(OUT, name), data)
        back = data[len(bom):].decode(enc)
        check(back == seed, f"{name}: decodes back to the seed ({len(data)} bytes)")
        if enc == "gb18030":
            check(not data.startswith((b"\xef\xbb\xbf", b"\x84\x31\x95\x33")), f"{name}: no BOM")

    gbk_path = os.path.join(OUT, "seed.crlf.gbk.txt")
    bad = collections.defaultdict(list)
    for n, line in enumerate(seed.split("\n"), 1):
        for c in line:
            try:
                c.encode("cp936")
            except UnicodeEncodeError:
                bad[c].append(n)
    if bad:
        if os.path.exists(gbk_path):
            os.remove(gbk_path)
        desc = "; ".join(f"U+{ord(c):04X} {c!r} on seed lines {', '.join(map(str, ls))}" for c, ls in sorted(bad.items()))
        notes.append(f"seed.crlf.gbk.txt skipped: the seed has characters outside GBK/cp936: {desc}")
        print(f"  skip  seed.crlf.gbk.txt: not GBK-encodable: {desc}")
    else:
        data = seed.replace("\n", "\r\n").encode("cp936")
        write(gbk_path, data)
        check(data.decode("cp936").replace("\r\n", "\n") == seed, "seed.crlf.gbk.txt round trip")

    print("== re-flow")
    blocks = reflow(seed)
    kinds = collections.Counter(k for k, _ in blocks)
    print(f"  blocks: {dict(kinds)}")
    check(kinds["annex"] == 9 and kinds["heading"] == 9, "nine annex labels, each with a heading")
    check(kinds["title"] == 1 and kinds["signature"] == 1, "one title, one signature block")
    reflowed = "\n\n".join(block_text(b) for b in blocks) + "\n"
    check(not re.search(r"S/2020/911|20-12063|\ufffd", reflowed), "page furniture dropped")
    check(han(reflowed) == han(seed), "re-flowed text keeps every Han character of the seed")
    write(os.path.join(OUT, "seed.reflowed.txt"), reflowed.encode("utf-8"))

    print("== seed.html")
    page = make_html(blocks)
    write(os.path.join(OUT, "seed.html"), page.encode("utf-8"))
    got = [b.replace("\u00a0", " ") for b in TextOfHtml(page).blocks]
    want = [block_text(b) for b in blocks]
    check(got == want, f"seed.html: the article's p/h1/h2/h3 decode to the {len(want)} re-flowed blocks (after U+00A0 -> space)")
    check("MUST_NOT_APPEAR" not in "".join(got), "seed.html: no marker inside the letter's text")

    print("== seed.docx")
    docx, _ = make_docx(blocks)
    docx_path = os.path.join(OUT, "seed.docx")
    write(docx_path, docx)
    with zipfile.ZipFile(docx_path) as z:
        check(z.testzip() is None, "seed.docx: zip entries intact")
        doc = z.read("word/document.xml").decode()
    check(doc.count("<w:p>") == len(blocks), f"seed.docx: {len(blocks)} w:p paragraphs")

    tmp = tempfile.mkdtemp(prefix="make-fixtures-")
    profile = os.path.join(tmp, "lo-profile")
    try:
        txt = soffice_convert(docx_path, "txt:Text (encoded):UTF8", tmp, profile)
        lo = open(txt, encoding="utf-8-sig").read().replace("\r\n", "\n")
        lo_lines = [l for l in lo.split("\n") if l.strip()]
        want_lines = [l for b in blocks for l in block_text(b).split("\n")]
        same = lo_lines == want_lines
        if not same:
            import difflib
            for d in list(difflib.unified_diff(want_lines, lo_lines, "reflowed", "libreoffice", lineterm=""))[:20]:
                print("    " + d)
        check(same, f"seed.docx: LibreOffice's txt export equals the re-flowed text ({len(lo_lines)} lines)")

        print("== seed.pdf")
        pdf_tmp = soffice_convert(docx_path, "pdf:writer_pdf_Export", tmp, profile)
        pdf = pin_pdf(open(pdf_tmp, "rb").read())
        pdf_path = os.path.join(OUT, "seed.pdf")
        write(pdf_path, pdf)
        check(len(pdf) < 2_000_000, f"seed.pdf: {len(pdf)} bytes (< 2 MB)")
        fonts = subprocess.run(["pdffonts", pdf_path], capture_output=True, text=True).stdout
        print("    " + fonts.rstrip().replace("\n", "\n    "))
        font_rows = fonts.strip().split("\n")[2:]
        check(bool(font_rows) and all(r.split()[-5:-3] == ["yes", "yes"] and r.split()[-3] == "yes" for r in font_rows),
              "seed.pdf: every font embedded (subset) with a ToUnicode map")
        pt = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf_path, "-"], capture_output=True, text=True).stdout
        h_seed, h_pdf = han(seed), han(pt)
        share = sum((h_seed & h_pdf).values()) / sum(h_seed.values())
        flat = re.sub(r"\s+", "", pt)
        whole = sum(1 for b in blocks if re.sub(r"\s+", "", block_text(b)) in flat)
        print(f"    Han characters recovered: {sum((h_seed & h_pdf).values())}/{sum(h_seed.values())} = {share:.2%}; "
              f"blocks found verbatim (whitespace ignored): {whole}/{len(blocks)}")
        notes.append(f"seed.pdf: pdftotext recovers {share:.2%} of the seed's Han characters; "
                     f"{whole}/{len(blocks)} re-flowed blocks appear verbatim (whitespace ignored)")
        check(share > 0.99, "seed.pdf: pdftotext recovers > 99% of the seed's Han characters")
        check(whole == len(blocks), "seed.pdf: every re-flowed block is in pdftotext's output (whitespace ignored)")
        pages = subprocess.run(["pdfinfo", pdf_path], capture_output=True, text=True).stdout
        npages = re.search(r"Pages:\s+(\d+)", pages)
        notes.append(f"seed.pdf: {npages.group(1) if npages else '?'} pages")

        print("== synthetic texts")
        texts = {
            "layout.en.txt": LAYOUT_EN,
            "english-letter.txt": english_letter(),
            "single-annex.zh.txt": single_annex(),
            "prst.zh.txt": prst(),
            "resolution.en.txt": resolution(),
            "no-structure.zh.txt": NO_STRUCTURE,
            "big5.expected.txt": BIG5_TEXT,
        }
        for name, t in texts.items():
            write(os.path.join(OUT, name), t.encode("utf-8"))
        widths = [len(l) for l in texts["english-letter.txt"].split("\n")]
        check(max(widths) <= 100, f"english-letter.txt: longest line {max(widths)} columns")
        en_blocks = [b for b in re.split(r"\n\s*\n", texts["english-letter.txt"]) if b.strip()]
        check(sum(1 for b in en_blocks if re.fullmatch(r"Annex [IVX]+", b.split("\n")[0])) == 3,
              "english-letter.txt: three annex labels")
        # An uploaded letter other than the seed, in GB18030 (the workspace tests upload it).
        sa_gb = texts["single-annex.zh.txt"].encode("gb18030")
        write(os.path.join(OUT, "single-annex.gb18030.txt"), sa_gb)
        check(sa_gb.decode("gb18030") == texts["single-annex.zh.txt"], "single-annex.gb18030.txt: round trip")
        try:
            sa_gb.decode("utf-8")
            check(False, "single-annex.gb18030.txt: must not be valid UTF-8")
        except UnicodeDecodeError:
            check(True, "single-annex.gb18030.txt: not valid UTF-8")
        big5 = BIG5_TEXT.encode("big5")
        write(os.path.join(OUT, "big5.txt"), big5)
        check(big5.decode("big5") == BIG5_TEXT, "big5.txt: round trip")
        check(not big5.startswith(b"\xef\xbb\xbf"), "big5.txt: no BOM")
        try:
            big5.decode("utf-8")
            check(False, "big5.txt: must not be valid UTF-8")
        except UnicodeDecodeError:
            check(True, "big5.txt: not valid UTF-8")

        print("== broken")
        write(os.path.join(BROKEN, "truncated.docx"), docx[: len(docx) * 60 // 100])
        png = make_png()
        write(os.path.join(BROKEN, "png-renamed.txt"), png)
        write(os.path.join(BROKEN, "empty.txt"), b"")
        write(os.path.join(BROKEN, "random.bin"), random.Random(4096).randbytes(4096))
        write(os.path.join(BROKEN, "archive.zip"), make_zip({
            "notes/readme.txt": "Two plain text files in an ordinary zip: not a docx.\n".encode(),
            "letter.txt": "\n".join(seed.split("\n")[:14]).encode("utf-8") + b"\n",
        }))
        write(os.path.join(BROKEN, "image-only.pdf"), make_image_pdf())
        rnd = random.Random(70)
        mb = bytearray(seed_bytes)
        for i in rnd.sample(range(len(mb)), len(mb) * 70 // 100):
            mb[i] = rnd.randrange(0x80, 0x100)
        write(os.path.join(BROKEN, "mostly-binary.txt"), bytes(mb))

        try:
            zipfile.ZipFile(os.path.join(BROKEN, "truncated.docx"))
            check(False, "truncated.docx: zipfile must refuse it")
        except zipfile.BadZipFile:
            check(True, "truncated.docx: zipfile refuses it (no central directory)")
        ipt = subprocess.run(["pdftotext", os.path.join(BROKEN, "image-only.pdf"), "-"], capture_output=True, text=True)
        check(ipt.returncode == 0 and ipt.stdout.strip() == "", "image-only.pdf: opens, and pdftotext finds no text")
        imgs = subprocess.run(["pdfimages", "-list", os.path.join(BROKEN, "image-only.pdf")], capture_output=True, text=True).stdout
        check(len(imgs.strip().split("\n")) == 3, "image-only.pdf: one image")
        # the same PNG, read back by LibreOffice into a PDF, would also do; the hand-written one is smaller
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    write(os.path.join(OUT, ".gitattributes"),
          b"# Fixtures are exact bytes (CRLF, BOMs, legacy encodings, binaries): never convert them.\n* -text\n")
    write(os.path.join(OUT, "README.md"), readme(blocks).encode("utf-8"))

    print("== notes")
    for n in notes:
        print("  " + n)
    if failures:
        print(f"\n{len(failures)} check(s) failed:")
        for f in failures:
            print("  " + f)
        return 1
    print("\nall checks passed")
    return 0


def readme(blocks) -> str:
    n_para = sum(1 for k, _ in blocks if k == "para")
    n_orig = sum(1 for k, _ in blocks if k == "original")
    with_note, annex_no = [], 0
    for k, _ in blocks:
        annex_no += k == "annex"
        if k == "original":
            with_note.append(str(annex_no))
    gbk_note = next((n for n in notes if n.startswith("seed.crlf.gbk.txt")), None)
    pdf_notes = "; ".join(n.split(": ", 1)[1] for n in notes if n.startswith("seed.pdf"))
    lines = [
        "# Test fixtures",
        "",
        "Generated by `scripts/make-fixtures` (the work is in `scripts/make_fixtures.py`); rerun it rather "
        "than editing files here. The files derived from the seed come from `seeds/S-2020-911.zh.txt`; the "
        "others are synthetic, hand-written for the tests (they are *not* UN documents, although they follow "
        "UN layout, symbols and names). `.gitattributes` keeps git from touching line endings.",
        "",
        f"The seed has 1 title, 2 cover-letter paragraphs, a signature block (安全理事会主席 / 阿卜杜•阿巴里(签名)), "
        f"nine annexes 附件一…附件九 each with a speaker heading, {n_orig} `[原件：…]` language notes "
        f"(annexes {', '.join(with_note)}), and {n_para} paragraphs in all. Page furniture: `S/2020/911` and job-number "
        "lines (`20-12063\\ufffd 5/20`, `20/20\\ufffd 20-12063`), twice, each in the middle of a paragraph.",
        "",
        "## Good inputs (the parser must find the seed's structure, or the stated one)",
        "",
        "- `seed.reflowed.txt`: derived. The seed re-flowed: furniture dropped, hard-wrapped lines joined "
        "(no space between Chinese characters), one block per paragraph, blocks separated by a blank line; "
        "the signature block keeps its two lines. This is the expected paragraph text for seed.html and seed.docx. "
        "Must give the same structure as the seed: nine annexes.",
        "- `seed.gb18030.txt`: derived. The seed in GB18030, no BOM (round trip asserted). Nine annexes, text identical to the seed.",
        "- `seed.utf16le.txt`: derived. The seed in UTF-16 LE with BOM FF FE. Nine annexes.",
        "- `seed.utf16be.txt`: derived. The seed in UTF-16 BE with BOM FE FF. Nine annexes.",
        "- `seed.utf8bom.txt`: derived. The seed in UTF-8 with BOM EF BB BF. Nine annexes; the BOM must not reach the title.",
        ("- `seed.crlf.gbk.txt`: NOT generated: " + gbk_note.split(": ", 1)[1] + ". (Notepad would write such "
         "characters as `?`.)") if gbk_note else
        "- `seed.crlf.gbk.txt`: derived. The seed in GBK (cp936) with CRLF line endings, as Notepad on Chinese Windows writes. Nine annexes.",
        "- `seed.html`: derived. A saved web page (UTF-8, `<meta charset>`): `<style>`, `<script>` and a comment holding "
        "`STYLE_MUST_NOT_APPEAR` / `SCRIPT_MUST_NOT_APPEAR` / `COMMENT_MUST_NOT_APPEAR` (none may reach the text; the script "
        "string also holds a `<p>` tag), a `<nav>` of links (首页, 安全理事会, 和平与安全 & 维持和平, 文件) and a `<footer>` (© 联合国) "
        "outside the `<article>`, a `<div class=\"doc-symbol\">S/2020/911</div>`; in the article the title as `<h1>`, one `<p>` per "
        "re-flowed paragraph, annex labels `<h2>` and speaker headings `<h3>` inside `<section class=\"annex\">`, "
        "`[原件：…]` notes as `<p class=\"original\">`, the signature as one `<p>` with `<br>`. Entities: the first paragraph "
        "with “ ” uses `&ldquo;`/`&rdquo;`, the next one `&#8220;`/`&#8221;`, one —— is `&#x2014;&#x2014;`, one · is `&middot;`, "
        "`&amp;` and `&copy;` in nav/footer, and one `&nbsp;` stands where the seed has a plain space (`第2518&nbsp;(2020)号决议`: "
        "map U+00A0 to a space before comparing with seed.reflowed.txt). S/2020/897 and S/2020/372 are `<a>` links inside "
        "paragraphs. Must find: the title, nine annexes with their headings, the same paragraphs as seed.reflowed.txt.",
        f"- `seed.docx`: derived. OOXML written by hand, one `w:p` per re-flowed block ({len(blocks)} in all): title (style Title), "
        "annex labels (Heading1, page break before), speaker headings (Heading2), language notes, the signature as one paragraph "
        "with a `w:br` between its two lines. Runs to concatenate: a bold run `第2436（2018）号决议` mid-sentence, an italic run "
        "`（COVID-19）`, a `w:hyperlink` around S/2020/897, and in the first body paragraph a run split mid-phrase with "
        "`w:proofErr` and a `w:bookmarkStart/End` between the runs. Checked: LibreOffice's txt export equals seed.reflowed.txt "
        "line for line. Must find nine annexes, text as seed.reflowed.txt.",
        f"- `seed.pdf`: derived. seed.docx converted by LibreOffice headless (A4, left-aligned, {ZH_FONT} and "
        f"Liberation Serif embedded as subsets: simple TrueType fonts of up to 256 glyphs each, so the Chinese text "
        f"uses several font objects and only their ToUnicode maps give the characters; dates and /ID pinned). "
        f"{pdf_notes}. pdftotext breaks lines where the page does and puts spaces between Chinese and digits or Latin "
        f"letters (`2020 年 9 月 16 日`), so compare with whitespace ignored. Each annex starts on a new page. Must find nine annexes.",
        "- `english-letter.txt`: synthetic (hand-written). An English letter as pdftotext gives it, hard-wrapped at 80 columns "
        "(lines break only at spaces, so joining with one space restores a paragraph). Furniture: first-page header "
        "(`United Nations`, `S/2021/999`, `Security Council`, `Distr.: General`, `21 May 2021`, `Original: English`), the page-1 "
        "footer `21-07001 (E)    250521` / `*2107001*` and page-2 header `S/2021/999` after the signature, and a page break "
        "mid-paragraph in annex II (`2/3<TAB>21-07001`, `S/2021/999`). Must find: title “Letter dated 20 May 2021 from the "
        "President of the Security Council addressed to …”, signature “(Signed) Tarek Ladeb / President of the Security Council”, "
        "3 annexes: I Estonia, Sven Jürgenson (Permanent Representative), no language note (English); II China, Geng Shuang "
        "(Deputy Permanent Representative), [Original: Chinese]; III Permanent Mission of Viet Nam, [Original: English and "
        "French]. Cited: resolutions 2518 (2020), 2436 (2018), 2538 (2020); S/2020/372.",
        "- `single-annex.zh.txt`: synthetic. A Chinese letter from China's Permanent Representative to the Secretary-General, "
        "wrapped at about 34 Chinese characters a line, title “2021年3月2日中国常驻联合国代表给秘书长的信”, signature 常驻代表 / "
        "张军(签名), then one annex labelled just `附件` (no numeral, directly after the signature, no blank line) with heading "
        "“2021年3月1日中华人民共和国常驻联合国代表团关于联合国维持和平行动的声明”. One page break mid-paragraph (`S/2021/213`, "
        "`2/3 21-02987`). Must find 1 annex; cites 第2518（2020）号决议.",
        "- `layout.en.txt`: synthetic. An English letter from Norway as `pdftotext -layout` prints it: the header in columns "
        "(`United Nations` beside `S/2024/1234`), an annex title wrapped over two lines, then `Statement by the Permanent "
        "Representative of Norway to the United Nations, Merete Fjeld Brattested`. Cites resolutions 2349 (2017) and 2664 (2022).",
        "- `single-annex.gb18030.txt`: derived. `single-annex.zh.txt` in GB18030, no BOM (round trip asserted).",
        "- `prst.zh.txt`: synthetic. A Chinese presidential statement: header furniture (联合国, `S/PRST/2021/5`, 安全理事会, "
        "Distr.: General, 2021年3月10日, 中文, 原件：英文), title 安全理事会主席的声明, an introductory paragraph, numbered "
        "paragraphs 1.–5. (the statement opens with “ in 1. and closes with ” in 5.), footer `21-03321 (C)    110321` / "
        "`*2103321*`. No annexes. Cites 第2436（2018）号决议 and S/PRST/2020/1.",
        "- `resolution.en.txt`: synthetic (not the real text of the resolution). `S/RES/2538 (2020)` header furniture, "
        "“Resolution 2538 (2020)”, “Adopted by the Security Council at its 8756th meeting, on 28 August 2020”, "
        "“The Security Council,”, four preambular paragraphs (Recalling…, Reaffirming…, Recognizing…, Noting with concern…), "
        "five operative paragraphs `1. Calls upon …` to `5. Decides to remain actively seized of the matter.`, footer "
        "`20-11357 (E)` / `*2011357*`. No annexes. Cites resolution 1325 (2000).",
        "- `no-structure.zh.txt`: synthetic. Four paragraphs of plain Chinese prose about peacekeeping, one line each: "
        "no title, symbol, signature or annex. Must find no letter structure (and not crash).",
        "- `big5.txt`: synthetic. Two lines of traditional Chinese (安全理事會重申…) encoded Big5, no BOM (not valid UTF-8). "
        "`big5.expected.txt` is the same text in UTF-8: decoding big5.txt must give exactly it.",
        "",
        "## Broken inputs (`broken/`: the tool must refuse or degrade with a clear message, never crash or hang)",
        "",
        "- `broken/truncated.docx`: derived. The first 60 % of seed.docx's bytes: starts like a zip, has no central directory.",
        "- `broken/png-renamed.txt`: synthetic. A real 96×64 RGB PNG (a tiny “scanned page”, written with zlib/struct) named .txt.",
        "- `broken/empty.txt`: 0 bytes.",
        "- `broken/random.bin`: 4096 bytes from Python's `random.Random(4096)`.",
        "- `broken/archive.zip`: an ordinary zip of two .txt files (`letter.txt`: the seed's first 14 lines; `notes/readme.txt`): not a docx (no `word/document.xml`).",
        "- `broken/image-only.pdf`: synthetic. A valid one-page PDF written by hand whose only content is the PNG's pixels as "
        "an image: no fonts, no text layer (pdftotext gives nothing). The tool should say it found no text (a scan).",
        "- `broken/mostly-binary.txt`: derived. The seed's UTF-8 bytes with 70 % of them (positions from `random.Random(70)`) "
        "replaced by random bytes 0x80–0xFF: invalid in UTF-8 and nonsense in GB18030.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

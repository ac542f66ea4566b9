"""Tagged PDF for the reports (PDF/UA-1 as the target), so a screen reader can read them.

reportlab draws the pages but does not tag them, so tagging happens in two steps:

1. While the pages are drawn, every piece of real content is wrapped in a
   marked-content sequence with its own number (`/P <</MCID 3>> BDC ... EMC`) and
   remembered against a structure element (`Node`): headings, paragraphs, list items,
   table header and data cells, figures. Page furniture (header, footer, rules,
   table shading, the DRAFT watermark) is wrapped as `/Artifact` instead, so it is
   never read out. The hooks are a Frame that tags each flowable it places
   (`TaggedFrame`), and a Table render callback that tags rows and cells
   (`table_callback`).
2. After reportlab has written the file, `finish` adds what reportlab cannot: the
   structure tree and its parent tree, links to their annotations, MarkInfo, the
   tab order, and XMP metadata carrying the PDF/UA identifier, using pikepdf.

Reading order is the order content was placed, which is the story's order: the
furniture is drawn first on each page but is not in the tree at all.
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from typing import Any, Iterator
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph, Table
from reportlab.platypus.flowables import HRFlowable, Image

_HEADING_STYLES = {"h1": "H1", "h2": "H2", "h3": "H3", "title": "H1"}
_SPLITTABLE = (Paragraph, Table)
_GROUPS = {"LI": "L", "TOCI": "TOC"}
_CARRIED = ("layout", "row_headers", "alt_text", "tag_role")

Box = tuple[float, float, float, float]


class Node:
    """One structure element: its role, children (elements or (page, mcid) pairs)."""

    __slots__ = ("role", "kids", "alt", "attrs", "box")

    def __init__(self, role: str, alt: str | None = None,
                 attrs: dict[str, str] | None = None) -> None:
        self.role = role
        self.kids: list[Node | tuple[int, int]] = []
        self.alt = alt
        self.attrs = attrs
        self.box: Box | None = None


def set_alt(flowable: Flowable, text: str) -> None:
    """The words a screen reader says for a figure (a Drawing refuses new attributes)."""
    flowable.__dict__["alt_text"] = text


def role_of(flowable: Flowable) -> str | None:
    """The structure role a placed flowable gets, "Artifact", or None (draws nothing,
    or tags itself as tables do). A flowable may say with a `tag_role` attribute."""
    explicit = getattr(flowable, "tag_role", False)
    if isinstance(explicit, str) or explicit is None:  # set (every tag_role is a str or None)
        return explicit
    if isinstance(flowable, Paragraph):
        if flowable.bulletText is not None:
            return "LI"
        return _HEADING_STYLES.get(flowable.style.name, "P")
    if isinstance(flowable, (Image, Drawing)):
        return "Figure"
    if isinstance(flowable, HRFlowable):
        return "Artifact"
    return None


class Tagger:
    """Collects the structure while the pages are drawn (one per report build)."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self.mcids: list[list[Node]] = []      # per page: the element of each MCID
        self.boxes: list[list[tuple[Box, Node]]] = []  # per page, for placing links
        self._list: Node | None = None
        self._shared: dict[int, Node] = {}  # split parts' common token: their element
        self.dests: dict[tuple[int, float | None], str] = {}
        self.titles: dict[str, str] = {}  # destination key: the heading it stands for
        self._table: list[dict[str, Any]] = []
        self._watched: list[Flowable] = []

    def destination(self, page: int, top: float | None, key: str) -> None:
        self.dests[(page, None if top is None else round(float(top), 1))] = key

    # --- marked content ------------------------------------------------------------

    def _page(self, canv: Canvas) -> int:
        page = canv.getPageNumber() - 1
        while len(self.mcids) <= page:
            self.mcids.append([])
            self.boxes.append([])
        return page

    def begin(self, canv: Canvas, node: Node, box: Box | None = None) -> None:
        page = self._page(canv)
        mcid = len(self.mcids[page])
        self.mcids[page].append(node)
        node.kids.append((page, mcid))
        if box is not None:
            self.boxes[page].append((box, node))
            if node.box is None:
                node.box = box
        canv.addLiteral(f"/{node.role} <</MCID {mcid}>> BDC")

    @staticmethod
    def end(canv: Canvas) -> None:
        canv.addLiteral("EMC")

    @contextmanager
    def marked(self, canv: Canvas, node: Node, box: Box | None = None) -> Iterator[None]:
        self.begin(canv, node, box)
        try:
            yield
        finally:
            self.end(canv)

    @staticmethod
    @contextmanager
    def artifact(canv: Canvas, subtype: str | None = None,
                 kind: str = "Pagination") -> Iterator[None]:
        extra = f" /Subtype /{subtype}" if subtype else ""
        canv.addLiteral(f"/Artifact <</Type /{kind}{extra}>> BDC")
        try:
            yield
        finally:
            canv.addLiteral("EMC")

    # --- elements --------------------------------------------------------------------

    def add(self, node: Node, parent: Node | None = None) -> Node:
        if parent is None:
            group = _GROUPS.get(node.role)
            if group is not None:  # list items and contents entries come in a list
                if self._list is None or self._list.role != group:
                    self._list = self.add(Node(group))
                parent = self._list
            else:
                self._list = None
                parent = self.root
        parent.kids.append(node)
        return node

    def node_for(self, flowable: Flowable, role: str) -> Node:
        """The element of a flowable; both halves of a split paragraph share one."""
        share = flowable.__dict__.get("_tag_share")
        if share is not None and id(share) in self._shared:
            return self._shared[id(share)]
        alt = getattr(flowable, "alt_text", None)
        if role == "Figure" and not alt:
            alt = "Image"
        node = self.add(Node(role, alt=alt))
        if role == "LI":
            node = self.add(Node("LBody"), node)
        if share is not None:
            self._shared[id(share)] = node
        return node

    def watch(self, flowable: Flowable) -> None:
        """Make the flowable tag what it draws, whenever it is drawn."""
        if "_tag_watch" in flowable.__dict__:
            return
        flowable.__dict__["_tag_watch"] = True  # Drawings refuse unknown attributes
        self._watched.append(flowable)
        role = role_of(flowable)
        if role is None:
            return
        draw_on = flowable.drawOn

        # the tagger is looked up when drawing, as a story may be laid out twice
        def tagged_draw_on(canv: Canvas, x: float, y: float, _sW: float = 0) -> None:
            tagger = canv.tagger
            if role == "Artifact":
                with tagger.artifact(canv, kind="Layout"):
                    draw_on(canv, x, y, _sW)
                return
            w = getattr(flowable, "drawWidth", None) or getattr(flowable, "width", 0) or 0
            h = getattr(flowable, "drawHeight", None) or getattr(flowable, "height", 0) or 0
            with tagger.marked(canv, tagger.node_for(flowable, role), _box(canv, x, y, w, h)):
                draw_on(canv, x, y, _sW)

        flowable.__dict__["drawOn"] = tagged_draw_on

    def release(self) -> None:
        """Undo `watch` once the pages are drawn. A watched flowable refers to itself
        (through its tagging drawOn), so without this every one would wait for the
        cyclic garbage collector instead of going as soon as the report is made."""
        for flowable in self._watched:
            flowable.__dict__.pop("drawOn", None)
            flowable.__dict__.pop("_tag_watch", None)
        self._watched.clear()

    # --- tables ----------------------------------------------------------------------

    def table_event(self, table: Table, event: str, args: tuple[Any, ...]) -> None:
        canv = table.canv
        if event == "startTable":
            layout = getattr(table, "layout", False)
            node = None if layout else self.node_for(table, "Table")
            self._table.append({"node": node, "row": None, "skip": False})
        elif event in ("startBG", "startLines"):
            canv.addLiteral("/Artifact <</Type /Layout>> BDC")
        elif event in ("endBG", "endLines"):
            canv.addLiteral("EMC")
        elif event == "endTable":
            self._table.pop()
        elif not self._table:
            return
        state = self._table[-1] if self._table else {}
        if event == "startRow":
            row = args[0]
            head = header_rows(table)
            state["head"] = row < head
            if state["node"] is None:
                return
            if row < head and table.__dict__.get("_tag_cont"):
                state["skip"] = True  # the header repeated on a continuation page
                canv.addLiteral("/Artifact <</Type /Pagination>> BDC")
            else:
                state["row"] = self.add(Node("TR"), state["node"])
        elif event == "endRow":
            if state.get("skip"):
                canv.addLiteral("EMC")
            state["skip"] = False
            state["row"] = None
        elif event == "startCell":
            row, col, value, _style, (x, y), (w, h) = args
            if state["node"] is None:
                for f in value if isinstance(value, (list, tuple)) else [value]:
                    if isinstance(f, Flowable):
                        self.watch(f)
                return
            if state["row"] is None:
                return
            if state["head"]:
                cell = Node("TH", attrs={"Scope": "Column"})
            elif col == 0 and getattr(table, "row_headers", False):
                cell = Node("TH", attrs={"Scope": "Row"})
            else:
                cell = Node("TD")
            self.add(cell, state["row"])
            self.begin(canv, cell, _box(canv, x, y, w, h))
            state["cell"] = True
        elif event == "endCell":
            if state.pop("cell", False):
                self.end(canv)


def _box(canv: Canvas, x: float, y: float, w: float, h: float) -> Box:
    """A box drawn at (x, y) in the canvas's current coordinates, in page coordinates
    (a table's cells are drawn relative to the table)."""
    x0, y0 = canv.absolutePosition(x, y)
    x1, y1 = canv.absolutePosition(x + w, y + h)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def header_rows(table: Table) -> int:
    r = table.repeatRows
    return r if isinstance(r, int) else max(r) + 1


def table_callback(table: Table, event: str, *args: Any) -> None:
    """Table(renderCB=...): tags rows and cells when the canvas is tagging."""
    tagger = getattr(table.canv, "tagger", None)
    if tagger is not None:
        tagger.table_event(table, event, args)


class TaggedFrame(Frame):
    """A frame that has each flowable it places tag its content."""

    def add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        tagger = getattr(canv, "tagger", None)
        if tagger is not None:
            tagger.watch(flowable)
        return self._add(flowable, canv, trySplit)

    def split(self, flowable: Flowable, canv: Canvas) -> list[Flowable]:
        parts = super().split(flowable, canv)
        if isinstance(flowable, _SPLITTABLE) and len(parts) > 1:
            share = flowable.__dict__.setdefault("_tag_share", object())
            cont = flowable.__dict__.get("_tag_cont", False)
            for i, part in enumerate(parts):
                if type(part) is type(flowable):
                    part._tag_share = share
                    part._tag_cont = cont or i > 0
                    for name in _CARRIED:
                        if name in flowable.__dict__:
                            setattr(part, name, flowable.__dict__[name])
        return parts


# --- the structure tree, written after reportlab ------------------------------------

def finish(data: bytes, tagger: Tagger, *, title: str, lang: str, author: str,
           subject: str) -> bytes:
    """The PDF with its structure tree, link tags, MarkInfo and PDF/UA metadata.

    They are appended to reportlab's file as an incremental update (PDF 7.5.6): the
    new objects (structure elements, parent tree, metadata) and new versions of the
    pages, link annotations and catalog, with a cross-reference section for them. So
    reportlab's file is neither parsed in full nor written again: pikepdf only finds
    the pages and annotations, and the structure tree is written as text in one go.
    """
    import pikepdf
    from pikepdf import Dictionary, Name, String

    pdf = pikepdf.open(io.BytesIO(data))
    update = _Update(int(pdf.trailer.Size))
    page_objs = [p.obj for p in pdf.pages]
    page_refs = [f"{obj.objgen[0]} {obj.objgen[1]} R" for obj in page_objs]
    page_index = {obj.objgen: i for i, obj in enumerate(page_objs)}

    numbers: dict[int, int] = {}  # id(node): its object number

    def number(node: Node) -> None:
        numbers[id(node)] = update.new()
        for kid in node.kids:
            if isinstance(kid, Node):
                number(kid)

    root_num = update.new()
    number(tagger.root)
    doc_num = numbers[id(tagger.root)]
    extra: dict[int, list[int]] = {}  # id(node): its link elements
    links: list[tuple[int, int]] = []  # (parent tree key, link element)
    next_key = len(page_objs)
    for i, page in enumerate(page_objs):
        annots = page.get("/Annots")
        if annots is None:
            continue
        for annot in annots:
            if annot.get("/Subtype") != Name.Link or not annot.is_indirect:
                continue
            owner = _owner(tagger, i, annot)
            target = numbers[id(owner)] if owner is not None else doc_num
            link = update.new()
            a_ref = "%d %d R" % annot.objgen
            update.put(link, f"<</Type/StructElem/S/Link/P {target} 0 R/Pg {page_refs[i]}"
                             f"/K[<</Type/OBJR/Obj {a_ref}/Pg {page_refs[i]}>>]>>")
            extra.setdefault(id(owner) if owner is not None else id(tagger.root), []).append(link)
            annot.StructParent = next_key
            if not str(annot.get("/Contents", "")).strip():
                annot.Contents = String(_link_text(tagger, page_index, annot))
            update.put(annot.objgen[0], annot.unparse(resolved=True).decode("latin-1"),
                       generation=annot.objgen[1])
            links.append((next_key, link))
            next_key += 1

    marks: list[list[int]] = [[doc_num] * len(m) for m in tagger.mcids]

    def write(node: Node, parent: int) -> None:
        num = numbers[id(node)]
        kids: list[str] = []
        first_page = None
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(f"{numbers[id(kid)]} 0 R")
                write(kid, num)
                continue
            page, mcid = kid
            marks[page][mcid] = num
            if first_page is None:
                first_page = page
            if page == first_page:
                kids.append(str(mcid))
            else:
                kids.append(f"<</Type/MCR/Pg {page_refs[page]}/MCID {mcid}>>")
        kids += [f"{link} 0 R" for link in extra.get(id(node), ())]
        parts = [f"<</Type/StructElem/S/{node.role}/P {parent} 0 R"]
        if first_page is not None and first_page < len(page_refs):
            parts.append(f"/Pg {page_refs[first_page]}")
        # One child is written bare: it is what most tools expect of a heading, and
        # pdfua 0.1.3's empty-heading rule fails on an array under pikepdf 10.
        parts.append(f"/K {kids[0]}" if len(kids) == 1 else f"/K[{' '.join(kids)}]")
        if node.alt:
            parts.append(f"/Alt{_pdf_text(node.alt)}")
        if node.role == "Figure" and node.box:
            box = " ".join(f"{v:.2f}" for v in node.box)
            parts.append(f"/A<</O/Layout/BBox[{box}]>>")
        elif node.attrs:
            attrs = "".join(f"/{k}/{v}" for k, v in node.attrs.items())
            parts.append(f"/A<</O/Table{attrs}>>")
        update.put(num, "".join(parts) + ">>")

    write(tagger.root, root_num)
    nums: list[str] = []
    for i, page in enumerate(page_objs):
        page.StructParents = i
        page.Tabs = Name.S
        update.put(page.objgen[0], page.unparse(resolved=True).decode("latin-1"),
                   generation=page.objgen[1])
        row = update.new()
        update.put(row, "[" + " ".join(f"{n} 0 R" for n in (marks[i] if i < len(marks) else ()))
                   + "]")
        nums.append(f"{i} {row} 0 R")
    nums += [f"{key} {link} 0 R" for key, link in links]
    tree = update.new()
    update.put(tree, f"<</Nums[{' '.join(nums)}]>>")
    update.put(root_num, f"<</Type/StructTreeRoot/K[{doc_num} 0 R]/ParentTree {tree} 0 R"
                         f"/ParentTreeNextKey {next_key}>>")
    xmp = _xmp(title, lang, author, subject).encode("utf-8")
    meta = update.new()
    update.put(meta, f"<</Type/Metadata/Subtype/XML/Length {len(xmp)}>>",
               stream=xmp)
    catalog = pdf.Root
    catalog.MarkInfo = Dictionary(Marked=True)
    catalog.Lang = String(lang)
    prefs = catalog.get("/ViewerPreferences")
    if prefs is None:
        catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    else:
        prefs.DisplayDocTitle = True
        if prefs.is_indirect:
            update.put(prefs.objgen[0], prefs.unparse(resolved=True).decode("latin-1"),
                       generation=prefs.objgen[1])
    for key in ("/StructTreeRoot", "/Metadata"):
        if key in catalog:
            del catalog[key]
    text = catalog.unparse(resolved=True).decode("latin-1")
    assert text.endswith(">>")
    # the update's object and cross-reference streams are PDF 1.5
    version = "" if "/Version" in catalog else " /Version /1.7"
    update.put(catalog.objgen[0], text[:-2] + f" /StructTreeRoot {root_num} 0 R"
                                              f" /Metadata {meta} 0 R{version} >>",
               generation=catalog.objgen[1])
    trailer = pdf.trailer
    keep = {k: trailer[k].unparse().decode("latin-1") for k in ("/Root", "/Info", "/ID")
            if k in trailer}
    return update.written(data, keep)


class _Update:
    """An incremental update: objects (as PDF text) after the original file, the plain
    ones compressed together in an object stream, and a cross-reference stream for
    them whose /Prev is the original file's cross-reference section."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.objects: dict[int, tuple[int, bytes, bytes | None]] = {}

    def new(self) -> int:
        self.size += 1
        return self.size - 1

    def put(self, num: int, text: str, *, stream: bytes | None = None,
            generation: int = 0) -> None:
        self.objects[num] = (generation, text.encode("latin-1"), stream)

    def written(self, data: bytes, trailer: dict[str, str]) -> bytes:
        import struct
        import zlib

        start = data.rstrip().rfind(b"startxref")
        prev = int(data[start + 9:].split()[0])
        out = io.BytesIO()
        out.write(data if data.endswith(b"\n") else data + b"\n")
        entries: dict[int, tuple[int, int, int]] = {}  # number: (type, field 2, field 3)

        def direct(num: int, generation: int, head: bytes, stream: bytes | None) -> None:
            entries[num] = (1, out.tell(), generation)
            out.write(b"%d %d obj\n" % (num, generation) + head)
            if stream is not None:
                out.write(b"\nstream\n" + stream + b"\nendstream")
            out.write(b"\nendobj\n")

        packed = [(num, text) for num, (gen, text, stream) in sorted(self.objects.items())
                  if stream is None and gen == 0]
        for num, (gen, text, stream) in sorted(self.objects.items()):
            if stream is not None or gen != 0:
                direct(num, gen, text, stream)
        if packed:
            holder = self.new()
            index, body, at = [], [], 0
            for i, (num, text) in enumerate(packed):
                index.append(b"%d %d" % (num, at))
                body.append(text)
                at += len(text) + 1
                entries[num] = (2, holder, i)
            head = b" ".join(index) + b"\n"
            packed_data = zlib.compress(head + b"\n".join(body) + b"\n", 6)
            direct(holder, 0, b"<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>"
                   % (len(packed), len(head), len(packed_data)), packed_data)
        xref = self.new()
        entries[xref] = (1, out.tell(), 0)
        nums = sorted(entries)
        runs: list[tuple[int, int]] = []
        for num in nums:
            if runs and runs[-1][0] + runs[-1][1] == num:
                runs[-1] = (runs[-1][0], runs[-1][1] + 1)
            else:
                runs.append((num, 1))
        rows = zlib.compress(b"".join(struct.pack(">BIH", *entries[num]) for num in nums), 6)
        fields = "".join(f"/{k.lstrip('/')} {v}" for k, v in trailer.items())
        index_text = " ".join(f"{a} {n}" for a, n in runs)
        out.write(f"{xref} 0 obj\n<</Type/XRef/Size {self.size}/W[1 4 2]/Index[{index_text}]"
                  f"{fields}/Prev {prev}/Filter/FlateDecode/Length {len(rows)}>>\nstream\n"
                  .encode("latin-1"))
        out.write(rows + b"\nendstream\nendobj\n")
        out.write(f"startxref\n{entries[xref][1]}\n%%EOF\n".encode("latin-1"))
        return out.getvalue()


def _pdf_text(text: str) -> str:
    """A PDF text string: literal where it is plain ASCII, else UTF-16 with its mark."""
    if text.isascii():
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") \
            .replace("\r", "\\r").replace("\n", "\\n") + ")"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _owner(tagger: Tagger, page: int, annot: Any) -> Node | None:
    """The innermost element drawn where the link is, so the link sits in its paragraph."""
    try:
        x0, y0, x1, y1 = (float(v) for v in annot.Rect)
    except (AttributeError, ValueError):
        return None
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    found = None
    for (bx0, by0, bx1, by1), node in (tagger.boxes[page] if page < len(tagger.boxes) else []):
        if bx0 - 1 <= cx <= bx1 + 1 and by0 - 1 <= cy <= by1 + 1:
            found = node  # later boxes are drawn inside earlier ones (cells in tables)
    return found


_LINK_WORDS = {"ev": "Go to evidence", "act": "Go to action"}


def _link_text(tagger: Tagger, page_index: dict[Any, int], annot: Any) -> str:
    """What a link does, in words (its /Contents): "Go to evidence LW3"."""
    action = annot.get("/A")
    if action is not None and action.get("/URI") is not None:
        return f"Opens {action.URI}"
    dest = annot.get("/Dest")
    if dest is None and action is not None:
        dest = action.get("/D")
    try:
        page = page_index.get(dest[0].objgen)
        top = None if dest[3] is None else round(float(dest[3]), 1)
    except (TypeError, IndexError, AttributeError, ValueError):
        return "Go to another part of the report"
    key = tagger.dests.get((page, top), "") if page is not None else ""
    prefix, _, ref = key.partition("-")
    if prefix in _LINK_WORDS and ref:
        return f"{_LINK_WORDS[prefix]} {ref}"
    if key in tagger.titles:
        return f"Go to {tagger.titles[key]}"
    return f"Go to page {page + 1}" if page is not None else "Go to another part of the report"


def _xmp(title: str, lang: str, author: str, subject: str) -> str:
    t, a, s, lg = escape(title), escape(author), escape(subject), escape(lang)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <pdfuaid:part>1</pdfuaid:part>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{t}</rdf:li><rdf:li xml:lang="{lg}">{t}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{a}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{s}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lg}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>ReportLab and pikepdf</pdf:Producer>
   <xmp:CreatorTool>WSS Review Desktop</xmp:CreatorTool>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""

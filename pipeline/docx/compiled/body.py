# Written by `make template` (pipeline/docx/ahead.py) from templates/van-ban.docx: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = None

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_draft = resolve('draft')
    l_0_header = resolve('header')
    l_0_party = resolve('party')
    l_0_title = resolve('title')
    l_0_addressees = resolve('addressees')
    l_0_decision = resolve('decision')
    l_0_blocks = resolve('blocks')
    l_0_signature = resolve('signature')
    l_0_recipients = resolve('recipients')
    l_0_range = resolve('range')
    l_0_signature_rows = resolve('signature_rows')
    l_0_appendices = resolve('appendices')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    if (undefined(name='draft') if l_0_draft is missing else l_0_draft):
        pass
        yield '<w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/><w:left w:val="single" w:sz="6" w:space="4" w:color="000000"/><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/><w:right w:val="single" w:sz="6" w:space="4" w:color="000000"/></w:pBdr><w:spacing w:before="0" w:after="120" w:line="240" w:lineRule="auto"/><w:ind w:left="7655"/><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr><w:t xml:space="preserve">DỰ THẢO</w:t></w:r></w:p>'
    yield '<w:tbl><w:tblPr><w:tblW w:w="9355" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="28" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid><w:gridCol w:w="4111"/><w:gridCol w:w="5244"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="4111" w:type="dxa"/></w:tcPr>'
    for l_1_line in environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'parent_lines'):
        _loop_vars = {}
        pass
        yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
        yield escape(l_1_line)
        yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
    l_1_line = missing
    for l_1_line in environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'name_lines'):
        _loop_vars = {}
        pass
        if l_1_line:
            pass
            yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
            yield escape(l_1_line)
            yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
        else:
            pass
            yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="80" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
    l_1_line = missing
    if (undefined(name='party') if l_0_party is missing else l_0_party):
        pass
        yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve">*</w:t></w:r></w:p>'
    elif (environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'style') == 'youth'):
        pass
        yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve">***</w:t></w:r></w:p>'
    else:
        pass
        yield '<w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr><w:spacing w:before="60" w:after="0" w:line="60" w:lineRule="exact"/><w:ind w:left="'
        yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'name_rule_indent'))
        yield '" w:right="'
        yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'name_rule_indent'))
        yield '"/><w:jc w:val="center"/><w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>'
    yield '</w:tc><w:tc><w:tcPr><w:tcW w:w="5244" w:type="dxa"/></w:tcPr>'
    if (undefined(name='party') if l_0_party is missing else l_0_party):
        pass
        yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr><w:t xml:space="preserve">ĐẢNG CỘNG SẢN VIỆT NAM</w:t></w:r></w:p><w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr><w:spacing w:before="60" w:after="0" w:line="60" w:lineRule="exact"/><w:ind w:left="'
        yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'motto_rule_indent'))
        yield '" w:right="'
        yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'motto_rule_indent'))
        yield '"/><w:jc w:val="center"/><w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>'
    elif (environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'style') == 'youth'):
        pass
        yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr><w:t xml:space="preserve">ĐOÀN TNCS HỒ CHÍ MINH</w:t></w:r></w:p><w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr><w:spacing w:before="60" w:after="0" w:line="60" w:lineRule="exact"/><w:ind w:left="'
        yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'motto_rule_indent'))
        yield '" w:right="'
        yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'motto_rule_indent'))
        yield '"/><w:jc w:val="center"/><w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>'
    else:
        pass
        yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve">Độc lập - Tự do - Hạnh phúc</w:t></w:r></w:p><w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr><w:spacing w:before="60" w:after="0" w:line="60" w:lineRule="exact"/><w:ind w:left="'
        yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'motto_rule_indent'))
        yield '" w:right="'
        yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'motto_rule_indent'))
        yield '"/><w:jc w:val="center"/><w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>'
    yield '</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:tcW w:w="4111" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:spacing w:before="120" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
    yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'number_runs'))
    yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
    if environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'summary_runs'):
        pass
        yield '<w:p><w:pPr><w:spacing w:before="120" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
        yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'summary_runs'))
        yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
    if environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'marks'):
        pass
        for l_1_mark in environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'marks'):
            _loop_vars = {}
            pass
            yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p><w:tbl><w:tblPr><w:tblW w:w="'
            yield escape(environment.getattr(l_1_mark, 'width'))
            yield '" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid><w:gridCol w:w="'
            yield escape(environment.getattr(l_1_mark, 'width'))
            yield '"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="454" w:hRule="exact"/></w:trPr><w:tc><w:tcPr><w:tcW w:w="'
            yield escape(environment.getattr(l_1_mark, 'width'))
            yield '" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
            yield escape(environment.getattr(l_1_mark, 'runs'))
            yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
        l_1_mark = missing
        yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="40" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
    yield '</w:tc><w:tc><w:tcPr><w:tcW w:w="5244" w:type="dxa"/></w:tcPr>'
    if environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'date_runs'):
        pass
        yield '<w:p><w:pPr><w:spacing w:before="120" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
        yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'date_runs'))
        yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
    else:
        pass
        yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr></w:p>'
    yield '</w:tc></w:tr></w:tbl>'
    if (undefined(name='title') if l_0_title is missing else l_0_title):
        pass
        yield '<w:p><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
        yield escape(environment.getattr((undefined(name='title') if l_0_title is missing else l_0_title), 'type_runs'))
        yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
        if environment.getattr((undefined(name='title') if l_0_title is missing else l_0_title), 'subject_runs'):
            pass
            yield '<w:p><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
            yield escape(environment.getattr((undefined(name='title') if l_0_title is missing else l_0_title), 'subject_runs'))
            yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
        if (undefined(name='party') if l_0_party is missing else l_0_party):
            pass
            yield '<w:p><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve">-----</w:t></w:r></w:p>'
        else:
            pass
            yield '<w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr><w:spacing w:before="60" w:after="0" w:line="60" w:lineRule="exact"/><w:ind w:left="'
            yield escape(environment.getattr((undefined(name='title') if l_0_title is missing else l_0_title), 'rule_indent'))
            yield '" w:right="'
            yield escape(environment.getattr((undefined(name='title') if l_0_title is missing else l_0_title), 'rule_indent'))
            yield '"/><w:jc w:val="center"/><w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>'
    if environment.getattr((undefined(name='addressees') if l_0_addressees is missing else l_0_addressees), 'heading'):
        pass
        yield '<w:p><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="0" w:line="288" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
        yield escape(environment.getattr((undefined(name='addressees') if l_0_addressees is missing else l_0_addressees), 'heading'))
        yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
        for l_1_line in environment.getattr((undefined(name='addressees') if l_0_addressees is missing else l_0_addressees), 'lines'):
            _loop_vars = {}
            pass
            yield '<w:p><w:pPr><w:spacing w:before="120" w:after="0" w:line="288" w:lineRule="auto"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
            yield escape(l_1_line)
            yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
        l_1_line = missing
    else:
        pass
        if environment.getattr((undefined(name='addressees') if l_0_addressees is missing else l_0_addressees), 'single'):
            pass
            yield '<w:p><w:pPr><w:spacing w:before="240" w:after="0" w:line="288" w:lineRule="auto"/><w:ind w:left="1985" w:hanging="0"/><w:jc w:val="left"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
            yield escape(environment.getattr((undefined(name='addressees') if l_0_addressees is missing else l_0_addressees), 'single'))
            yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
        if environment.getattr((undefined(name='addressees') if l_0_addressees is missing else l_0_addressees), 'lines'):
            pass
            yield '<w:p><w:pPr><w:spacing w:before="240" w:after="0" w:line="288" w:lineRule="auto"/><w:ind w:left="1985"/><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve">Kính gửi:</w:t></w:r></w:p>'
            for l_1_line in environment.getattr((undefined(name='addressees') if l_0_addressees is missing else l_0_addressees), 'lines'):
                _loop_vars = {}
                pass
                yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="288" w:lineRule="auto"/><w:ind w:left="2552"/><w:jc w:val="left"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
                yield escape(l_1_line)
                yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
            l_1_line = missing
    if (undefined(name='decision') if l_0_decision is missing else l_0_decision):
        pass
        if environment.getattr((undefined(name='decision') if l_0_decision is missing else l_0_decision), 'authority_runs'):
            pass
            yield '<w:p><w:pPr><w:spacing w:before="240" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
            yield escape(environment.getattr((undefined(name='decision') if l_0_decision is missing else l_0_decision), 'authority_runs'))
            yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
        for l_1_line in environment.getattr((undefined(name='decision') if l_0_decision is missing else l_0_decision), 'bases'):
            _loop_vars = {}
            pass
            yield '<w:p><w:pPr><w:spacing w:before="120" w:after="0" w:line="288" w:lineRule="auto"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
            yield escape(l_1_line)
            yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
        l_1_line = missing
        if environment.getattr((undefined(name='decision') if l_0_decision is missing else l_0_decision), 'proposer_runs'):
            pass
            yield '<w:p><w:pPr><w:spacing w:before="120" w:after="0" w:line="288" w:lineRule="auto"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
            yield escape(environment.getattr((undefined(name='decision') if l_0_decision is missing else l_0_decision), 'proposer_runs'))
            yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
        yield '<w:p><w:pPr><w:spacing w:before="240" w:after="120" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
        yield escape(environment.getattr((undefined(name='decision') if l_0_decision is missing else l_0_decision), 'enacting_runs'))
        yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
    for l_1_block in (undefined(name='blocks') if l_0_blocks is missing else l_0_blocks):
        _loop_vars = {}
        pass
        if environment.getattr(l_1_block, 'table'):
            pass
            yield escape(environment.getattr(l_1_block, 'table'))
        elif environment.getattr(l_1_block, 'centered'):
            pass
            yield '<w:p><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="0" w:line="288" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
            yield escape(environment.getattr(l_1_block, 'runs'))
            yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
        elif environment.getattr(l_1_block, 'keep'):
            pass
            yield '<w:p><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="0" w:line="288" w:lineRule="auto"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
            yield escape(environment.getattr(l_1_block, 'runs'))
            yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
        else:
            pass
            yield '<w:p><w:pPr><w:spacing w:before="120" w:after="0" w:line="288" w:lineRule="auto"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
            yield escape(environment.getattr(l_1_block, 'runs'))
            yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
    l_1_block = missing
    yield '<w:p><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr></w:p>'
    if (undefined(name='signature') if l_0_signature is missing else l_0_signature):
        pass
        yield '<w:tbl><w:tblPr><w:tblW w:w="9355" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="28" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid><w:gridCol w:w="3402"/><w:gridCol w:w="5953"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="3402" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">Nơi nhận:</w:t></w:r></w:p>'
        for l_1_line in (undefined(name='recipients') if l_0_recipients is missing else l_0_recipients):
            _loop_vars = {}
            pass
            yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
            yield escape(l_1_line)
            yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
        l_1_line = missing
        yield '</w:tc><w:tc><w:tcPr><w:tcW w:w="5953" w:type="dxa"/></w:tcPr>'
        for l_1_line in environment.getattr((undefined(name='signature') if l_0_signature is missing else l_0_signature), 'authority'):
            _loop_vars = {}
            pass
            yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
            yield escape(l_1_line)
            yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
        l_1_line = missing
        yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
        yield escape(environment.getattr((undefined(name='signature') if l_0_signature is missing else l_0_signature), 'title_runs'))
        yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
        for l_1__ in context.call((undefined(name='range') if l_0_range is missing else l_0_range), environment.getattr((undefined(name='signature') if l_0_signature is missing else l_0_signature), 'room')):
            _loop_vars = {}
            pass
            yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve"/></w:r></w:p>'
        l_1__ = missing
        yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
        yield escape(environment.getattr((undefined(name='signature') if l_0_signature is missing else l_0_signature), 'name_runs'))
        yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    else:
        pass
        yield '<w:tbl><w:tblPr><w:tblW w:w="9355" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="28" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid><w:gridCol w:w="9355"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="9355" w:type="dxa"/></w:tcPr><w:tbl><w:tblPr><w:tblW w:w="9299" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="28" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid><w:gridCol w:w="4649"/><w:gridCol w:w="4649"/></w:tblGrid>'
        for l_1_row in (undefined(name='signature_rows') if l_0_signature_rows is missing else l_0_signature_rows):
            _loop_vars = {}
            pass
            yield '<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="4649" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
            for l_2_line in environment.getattr(environment.getitem(l_1_row, 0), 'authority'):
                _loop_vars = {}
                pass
                yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
                yield escape(l_2_line)
                yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
            l_2_line = missing
            yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
            yield escape(environment.getattr(environment.getitem(l_1_row, 0), 'title_runs'))
            yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
            for l_2__ in context.call((undefined(name='range') if l_0_range is missing else l_0_range), environment.getattr(environment.getitem(l_1_row, 0), 'room'), _loop_vars=_loop_vars):
                _loop_vars = {}
                pass
                yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve"/></w:r></w:p>'
            l_2__ = missing
            yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
            yield escape(environment.getattr(environment.getitem(l_1_row, 0), 'name_runs'))
            yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w="4649" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'
            if (t_1(l_1_row) > 1):
                pass
                for l_2_line in environment.getattr(environment.getitem(l_1_row, 1), 'authority'):
                    _loop_vars = {}
                    pass
                    yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
                    yield escape(l_2_line)
                    yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
                l_2_line = missing
                yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
                yield escape(environment.getattr(environment.getitem(l_1_row, 1), 'title_runs'))
                yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
                for l_2__ in context.call((undefined(name='range') if l_0_range is missing else l_0_range), environment.getattr(environment.getitem(l_1_row, 1), 'room'), _loop_vars=_loop_vars):
                    _loop_vars = {}
                    pass
                    yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve"/></w:r></w:p>'
                l_2__ = missing
                yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
                yield escape(environment.getattr(environment.getitem(l_1_row, 1), 'name_runs'))
                yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
            else:
                pass
                yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr></w:p>'
            yield '</w:tc></w:tr>'
        l_1_row = missing
        yield '</w:tbl><w:p><w:pPr><w:spacing w:before="240" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:t xml:space="preserve">Nơi nhận:</w:t></w:r></w:p>'
        for l_1_line in (undefined(name='recipients') if l_0_recipients is missing else l_0_recipients):
            _loop_vars = {}
            pass
            yield '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
            yield escape(l_1_line)
            yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
        l_1_line = missing
        yield '</w:tc></w:tr></w:tbl>'
    for l_1_appendix in (undefined(name='appendices') if l_0_appendices is missing else l_0_appendices):
        _loop_vars = {}
        pass
        yield '<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderDefault"/><w:headerReference w:type="first" r:id="rIdHeaderFirst"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/><w:pgNumType w:start="1"/><w:titlePg/></w:sectPr></w:pPr></w:p><w:p><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
        yield escape(environment.getattr(l_1_appendix, 'heading_runs'))
        yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p><w:p><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
        yield escape(environment.getattr(l_1_appendix, 'title_runs'))
        yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p><w:p><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
        yield escape(environment.getattr(l_1_appendix, 'reference_runs'))
        yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p><w:p><w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr><w:spacing w:before="60" w:after="'
        yield escape((120 if (environment.getattr(l_1_appendix, 'blocks') and environment.getattr(environment.getitem(environment.getattr(l_1_appendix, 'blocks'), 0), 'table')) else 0))
        yield '" w:line="60" w:lineRule="exact"/><w:ind w:left="'
        yield escape((environment.getattr((undefined(name='title') if l_0_title is missing else l_0_title), 'rule_indent') if (undefined(name='title') if l_0_title is missing else l_0_title) else 3000))
        yield '" w:right="'
        yield escape((environment.getattr((undefined(name='title') if l_0_title is missing else l_0_title), 'rule_indent') if (undefined(name='title') if l_0_title is missing else l_0_title) else 3000))
        yield '"/><w:jc w:val="center"/><w:rPr><w:sz w:val="4"/></w:rPr></w:pPr></w:p>'
        for l_2_block in environment.getattr(l_1_appendix, 'blocks'):
            _loop_vars = {}
            pass
            if environment.getattr(l_2_block, 'table'):
                pass
                yield escape(environment.getattr(l_2_block, 'table'))
            elif environment.getattr(l_2_block, 'centered'):
                pass
                yield '<w:p><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="0" w:line="288" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
                yield escape(environment.getattr(l_2_block, 'runs'))
                yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
            else:
                pass
                yield '<w:p><w:pPr><w:spacing w:before="120" w:after="0" w:line="288" w:lineRule="auto"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr><w:r><w:t xml:space="preserve"></w:t></w:r>'
                yield escape(environment.getattr(l_2_block, 'runs'))
                yield '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>'
        l_2_block = missing
    l_1_appendix = missing
    yield '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderDefault"/><w:headerReference w:type="first" r:id="rIdHeaderFirst"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/><w:pgNumType w:start="1"/><w:titlePg/></w:sectPr></w:body>'

blocks = {}
debug_info = '1=30'

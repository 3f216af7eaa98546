# Written by `make template` (pipeline/docx/ahead.py) from templates/van-ban.docx: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = None

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_properties = resolve('properties')
    pass
    yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>'
    yield escape(environment.getattr((undefined(name='properties') if l_0_properties is missing else l_0_properties), 'title'))
    yield '</dc:title><dc:creator>'
    yield escape(environment.getattr((undefined(name='properties') if l_0_properties is missing else l_0_properties), 'creator'))
    yield '</dc:creator><dc:language>vi-VN</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">'
    yield escape(environment.getattr((undefined(name='properties') if l_0_properties is missing else l_0_properties), 'date'))
    yield '</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">'
    yield escape(environment.getattr((undefined(name='properties') if l_0_properties is missing else l_0_properties), 'date'))
    yield '</dcterms:modified></cp:coreProperties>'

blocks = {}
debug_info = '2=13'

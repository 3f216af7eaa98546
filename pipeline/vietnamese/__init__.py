"""The Vietnamese rules, pure: dates, numbers and notations, section labels, working days, text widths.

Holds ``format`` (NĐ 30 and HD 36 rules for dates, numbers, notations, labels, capitals,
text hygiene), ``workdays`` (public holidays, dates counted in working days),
``textwidth`` (printed widths of Times New Roman, for rules drawn under text) and
``linebreak`` (where a line may break: header names at phrase boundaries, titles in
balanced lines, and the same rules for judging printed lines).

May import: nothing from ``pipeline``; no I/O, no clock, no locale.
"""

# vanban — văn bản hành chính từ nguồn YAML. `make help` liệt kê các lệnh (VANBAN_LANG=en make help: in English).
# Each target: `name: prerequisites ## Vietnamese description ## English description`, then one line.
.DEFAULT_GOAL := all
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
VANBAN := $(BIN)/vanban
EN     := $(filter en%,$(VANBAN_LANG))

# The first `make` on a fresh machine: needs Python only. pip speaks only of errors (-qq), so the
# first thing a clerk reads is vanban's own output. One set-up at a time: two `make` at once in a
# fresh clone would run pip twice in one .venv (one died with a traceback). The outer make takes
# a lock (flock(1), on the Makefile itself: no file left behind) and runs the set-up in an inner
# make, which finds it done if another make finished it meanwhile.
ifdef VANBAN_SETUP_LOCKED
$(BIN)/vanban: pyproject.toml
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install -qq --upgrade pip
	@$(BIN)/pip install -qq -e '.[test]'
	@$(BIN)/pybabel -q compile -d pipeline/locale -D vanban
	@$(BIN)/python -m compileall -q pipeline >/dev/null  # as pip does for a normal install: every command starts 0.1 s sooner, even where PYTHONDONTWRITEBYTECODE is set
	@touch $@
else
$(BIN)/vanban: pyproject.toml
	@echo "$(if $(EN),Installing vanban into $(VENV)/ (needs Python only; about a minute the first time)…,Đang cài vanban vào $(VENV)/ (chỉ cần Python; lần đầu khoảng một phút)…)"
	@flock Makefile $(MAKE) -s --no-print-directory VANBAN_SETUP_LOCKED=1 $@
endif

.PHONY: all help install check build lint test golden template schema issue void clean i18n review preview pdf archive register verify bench bench-sign sign sign-demo backup

all: build ## Cài đặt (lần đầu), rồi tạo mọi văn bản trong data/ ra output/ (chỉ văn bản đã đổi, kiểm tra thể thức từng văn bản) ## Install (the first time), then build every document in data/ into output/ (only what changed, each one linted)

help: ## Liệt kê các lệnh make (VANBAN_LANG=en: tiếng Anh) ## List the targets (in Vietnamese without VANBAN_LANG=en)
	@awk -F' ## ' -v en="$(EN)" '/^[a-z0-9-]+:.* ## / { split($$1, t, ":"); text = (en != "" && $$3 != "") ? $$3 : $$2; printf "  make %-9s %s\n", t[1], text }' $(MAKEFILE_LIST)

install: $(BIN)/vanban ## Tạo .venv và cài vanban vào đó ## Create .venv and install vanban into it

check: $(BIN)/vanban ## Kiểm tra toàn bộ nguồn, không ghi gì (cảnh báo tính là lỗi) ## Check every source without writing anything (warnings count as errors)
	$(VANBAN) check --strict

build: $(BIN)/vanban ## Tạo văn bản vào output/ (chỉ văn bản đã đổi, kiểm tra thể thức; cảnh báo tính là lỗi) ## Build every document into output/ (only what changed, linted; warnings count as errors)
	$(VANBAN) build --strict

lint: $(BIN)/vanban ## Kiểm tra thể thức mọi tệp DOCX trong output/ (kể cả văn bản soạn tay) ## Check the format of every DOCX in output/ (hand-made ones too)
	$(VANBAN) lint

preview: $(BIN)/vanban ## Xem trước từng trang văn bản trong trình duyệt, tự cập nhật khi lưu tệp YAML [CAMPAIGN=mã] ## Live preview of the pages in a browser, refreshed on every save [CAMPAIGN=id]
	$(VANBAN) preview $(if $(CAMPAIGN),--chien-dich $(CAMPAIGN))

issue: $(BIN)/vanban ## Cấp số cho văn bản đã ký: make issue DOC=<mã> [DATE=dd/mm/yyyy] ## Issue a signed document: make issue DOC=<id> [DATE=dd/mm/yyyy]
	$(VANBAN) issue $(DOC) $(if $(DATE),--date $(DATE))

void: $(BIN)/vanban ## Hủy số cấp nhầm (không bao giờ cấp lại, vẫn ghi trong sổ): make void DOC=<mã> REASON="<lý do>" ## Void a number issued by mistake (never given again, kept in the register): make void DOC=<id> REASON="<reason>"
	$(VANBAN) void $(DOC) --ly-do "$$REASON"

review: build ## Tạo văn bản rồi bản xem lại: chữ, thay đổi, trang index.html (SINCE=<git rev> để so sánh) ## Build, then review copies: text, changes, index.html (SINCE=<git rev> to compare with)
	$(VANBAN) review $(if $(SINCE),--since $(SINCE))

register: $(BIN)/vanban ## Xuất Sổ đăng ký văn bản đi: make register [FORMAT=csv] [YEAR=2025] [ISSUER=mã] ## Export the register of outgoing documents: make register [FORMAT=csv] [YEAR=2025] [ISSUER=id]
	$(VANBAN) register --format $(or $(FORMAT),xlsx) -o output/so-dang-ky.$(or $(FORMAT),xlsx) $(if $(YEAR),--year $(YEAR)) $(if $(ISSUER),--issuer $(ISSUER))

backup: $(BIN)/vanban ## Sao lưu sổ đăng ký an toàn kể cả khi đang cấp số: make backup [OUT=tệp] ## Copy the register safely while others issue numbers: make backup [OUT=file]
	$(VANBAN) backup -o $(or $(OUT),so-dang-ky-$(shell date +%Y%m%d-%H%M%S).sqlite3)

pdf: $(BIN)/vanban ## Chuyển mọi DOCX đã tạo sang PDF/A-2b (output/<chiến dịch>/pdf/) ## Convert every built DOCX to PDF/A-2b (output/<campaign>/pdf/)
	$(VANBAN) pdf

archive: $(BIN)/vanban ## Đóng gói văn bản đã ban hành (DOCX, PDF, edXML, sổ) vào archive.zip ## Pack each campaign's issued documents (DOCX, PDF, edXML, register rows) into archive.zip
	$(VANBAN) archive

verify: $(BIN)/vanban ## Đối chiếu output/ với manifest và sổ đăng ký (không thiếu, không trùng số) ## Check output/ against its manifests and the register (no gap, no duplicate number)
	$(VANBAN) verify

sign: $(BIN)/vanban ## Ký số PDF/A của văn bản đã ban hành: make sign DOC=<mã> VAI=nguoi-ky|co-quan|ca-hai (mật khẩu ở VANBAN_MAT_KHAU hoặc hỏi khi chạy) ## Sign an issued document's PDF/A: make sign DOC=<id> VAI=nguoi-ky|co-quan|ca-hai (password from VANBAN_MAT_KHAU or a prompt)
	$(VANBAN) sign $(DOC) --vai $(or $(VAI),ca-hai)

sign-demo: $(BIN)/vanban ## Ký thử một văn bản mẫu bằng chứng thư tạm trong output/sign-demo/, kiểm tra và in đường dẫn ## Sign a sample document with a throw-away CA under output/sign-demo/, verify it, print its path
	$(BIN)/python scripts/sign_demo.py $(DOC)

test: $(BIN)/vanban ## Chạy kiểm thử (cài trước LibreOffice, poppler, pandoc, Chromium, phông chữ nếu thiếu) ## Run the tests (installs LibreOffice, poppler, pandoc, Chromium, fonts first when missing)
	bash scripts/install-system-deps.sh && $(BIN)/pytest

golden: $(BIN)/vanban ## Viết lại các tệp mẫu chuẩn sau một thay đổi đã xem xét ## Rewrite the golden files after a reviewed change
	$(BIN)/pytest tests/test_golden.py --update-golden

template: $(BIN)/vanban ## Dựng lại templates/van-ban.docx từ templates/make_template.py, và bản biên dịch sẵn của nó ## Rebuild templates/van-ban.docx from templates/make_template.py, and its compiled form
	$(BIN)/python templates/make_template.py && $(BIN)/python -m pipeline.docx.ahead templates/van-ban.docx

schema: $(BIN)/vanban ## Ghi JSON Schema của các tệp nguồn vào schemas/ ## Write the JSON Schemas of the sources into schemas/
	$(VANBAN) schema --out schemas

i18n: $(BIN)/vanban ## Trích thông báo, cập nhật và dịch bản tiếng Anh ## Extract the messages, update the English catalog, compile the catalogs
	$(BIN)/pybabel -q extract -F babel.cfg -k _ -k N_ --project vanban --add-location=file --sort-by-file --no-wrap -o pipeline/locale/vanban.pot pipeline && $(BIN)/pybabel -q update --init-missing --ignore-obsolete --no-wrap -i pipeline/locale/vanban.pot -d pipeline/locale -D vanban -l en && $(BIN)/pybabel compile --statistics -d pipeline/locale -D vanban

bench: $(BIN)/vanban ## Đo tốc độ trên một chiến dịch toàn quốc giả lập (10.680 văn bản) trong thư mục tạm ## Benchmark a synthetic national campaign (10,680 documents) in a temporary folder
	$(BIN)/python -m bench.run

bench-sign: $(BIN)/vanban ## Đo tốc độ ký số (văn bản mỗi giây, người ký và cơ quan) trong thư mục tạm ## Measure signing throughput (documents per second, signer and seal) in a temporary folder
	$(BIN)/python -m bench.sign

clean: ## Xóa output/ (giữ sổ đăng ký) ## Remove output/ (keeps the register)
	find output -mindepth 1 ! -name README.md -exec rm -rf {} +

# The two commands editors and CI need: `make site` (or `make serve`) and `make test`.
PYTHON ?= python3.11
# mkdocs-material prints an end-of-life banner on every build; we know (see README).
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The browser tests drive Debian's chromium; a missing browser fails them, so the
# test target installs it (as root directly, otherwise through sudo).
CHROMIUM := /usr/bin/chromium
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# `lessons import` reads scanned PDFs with Debian's tesseract and its Dutch model (the
# English and orientation models come with tesseract-ocr); the OCR tests draw their
# scans with the DejaVu font.
TESSERACT := /usr/bin/tesseract
NLD_MODEL := /usr/share/tesseract-ocr/*/tessdata/nld.traineddata
DEJAVU := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

.PHONY: site serve test check bench clean ocr

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,editor]'
	touch $@

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

## Install tesseract and its Dutch model, for importing scanned PDFs (`make test` does too).
ocr:
	@[ -x $(TESSERACT) ] && ls $(NLD_MODEL) >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  $(SUDO) apt-get install -y -qq tesseract-ocr tesseract-ocr-nld; }

$(DEJAVU):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-dejavu-core

# The speed benchmark measures against Debian's Hugo (+ the pagefind CLI from the venv),
# and reads peak memory from GNU time (Debian's `time`, not the shell keyword).
HUGO := /usr/bin/hugo
GNU_TIME := /usr/bin/time

$(HUGO):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq hugo

$(GNU_TIME):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq time

# The npm packages: the site's design tokens and components (needed to build the site),
# axe-core and the Nu HTML Checker (tests); npm itself from Debian when missing.
NPM := node_modules/.package-lock.json
# `npm ci` installs exactly package-lock.json and never rewrites it (npm install would).
$(NPM): package.json package-lock.json
	command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The Nu HTML Checker (vnu-jar) runs on Java; Debian's headless runtime when missing.
JAVA := /usr/bin/java

$(JAVA):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless

## Build the public site into site/ (fails on any problem in the content).
site: $(STAMP) $(NPM)
	$(BIN)/mkdocs build --strict

## Preview on http://127.0.0.1:8000 while editing.
serve: $(STAMP) $(NPM)
	$(BIN)/lessons serve

## Check the content without building.
check: $(STAMP)
	$(BIN)/lessons check

## Set up and run the whole test suite.
test: $(STAMP) $(CHROMIUM) $(NPM) $(JAVA) ocr $(DEJAVU)
	$(BIN)/ruff check plugins tests bench
	$(BIN)/python -m pytest

## Build speed and preview latency against Hugo + pagefind (1,000 and 5,000 documents,
## goals of issue 15 with PASS/MISS, bench/out/results.json); search against the theme's lunr.
bench: $(STAMP) $(NPM) $(CHROMIUM) $(HUGO) $(GNU_TIME)
	$(BIN)/python bench/run.py --sizes 1000 5000
	$(BIN)/python bench/search.py

clean:
	rm -rf site .cache

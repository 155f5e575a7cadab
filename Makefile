# The README's two commands.
#   make serve   install what is missing, build (Release), start the server on 127.0.0.1:8080
#   make test    install what is missing, build (Debug + ASan/UBSan), run every test
.PHONY: serve build test clean

serve: build
	./build/release/shouwang serve

build:
	scripts/install-deps
	cmake --preset release >/dev/null
	cmake --build build/release

test:
	scripts/test

clean:
	rm -rf build

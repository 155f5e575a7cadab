# Shortcuts for the README's two commands (the scripts work without make).
.PHONY: serve test clean

serve:
	scripts/serve

test:
	scripts/test

clean:
	rm -rf build web/dist

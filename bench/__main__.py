"""``make bench``: every benchmark, each against a floor measured in the same run."""

from bench import catalog_bench, contacts_bench, handout_bench, ui_bench, upload_bench


def main() -> None:
    catalog_bench.run()
    handout_bench.run()
    contacts_bench.run()
    upload_bench.run()
    ui_bench.run()


if __name__ == "__main__":
    main()

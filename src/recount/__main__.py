from recount.cli import main

raise SystemExit(main())

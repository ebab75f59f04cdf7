from her2batch.cli import main

main()

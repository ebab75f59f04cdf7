from her2batch.cli import console

console()

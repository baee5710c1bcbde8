from coe.cli import main

main()

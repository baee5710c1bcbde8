from coe.console import main

main()

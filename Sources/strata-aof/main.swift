import AOFTool

StrataAOF.main()

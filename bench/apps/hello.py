__import__("streamlit").write("hello")

// API stub (declarations only, never run) of nanoFramework.System.Collections 1.5.x, for compiling against the real
// nanoFramework mscorlib in CI. Members are the ones listed in tools/Mqtt2Go.Portability/nanoframework-1x-api.txt, read from
// nanoframework/System.Collections (nanoFramework.System.Collections/Collections/*.cs).
// StubAssembly: nanoFramework.System.Collections 1.5.75.0
namespace System.Collections
{
    public interface IDictionary : ICollection
    {
        bool IsReadOnly { get; }
        bool IsFixedSize { get; }
        ICollection Keys { get; }
        ICollection Values { get; }
        object this[object key] { get; set; }
        void Add(object key, object value);
        void Clear();
        bool Contains(object key);
        void Remove(object key);
    }

    public interface IDictionaryEnumerator : IEnumerator
    {
        object Key { get; }
        object Value { get; }
        DictionaryEntry Entry { get; }
    }

    public class DictionaryEntry
    {
        public object Key;
        public object Value;
        public DictionaryEntry(object key, object value) { }
    }

    public class Hashtable : ICloneable, IDictionary
    {
        public Hashtable() { }
        public Hashtable(int capacity) { }
        public Hashtable(int capacity, float maxLoadFactor) { }
        public object Clone() { throw null; }
        public IEnumerator GetEnumerator() { throw null; }
        public int Count { get { throw null; } }
        public bool IsSynchronized { get { throw null; } }
        public object SyncRoot { get { throw null; } }
        public void CopyTo(Array array, int arrayIndex) { }
        public bool IsReadOnly { get { throw null; } }
        public bool IsFixedSize { get { throw null; } }
        public ICollection Keys { get { throw null; } }
        public ICollection Values { get { throw null; } }
        public object this[object key] { get { throw null; } set { } }
        public void Add(object key, object value) { }
        public void Clear() { }
        public bool Contains(object key) { throw null; }
        public void Remove(object key) { }
    }

    public class Queue : ICollection, ICloneable
    {
        public Queue() { }
        public int Count { get { throw null; } }
        public object Clone() { throw null; }
        public bool IsSynchronized { get { throw null; } }
        public object SyncRoot { get { throw null; } }
        public void Clear() { }
        public void CopyTo(Array array, int index) { }
        public void Enqueue(object obj) { }
        public IEnumerator GetEnumerator() { throw null; }
        public object Dequeue() { throw null; }
        public object Peek() { throw null; }
        public bool Contains(object obj) { throw null; }
        public object[] ToArray() { throw null; }
    }

    public class Stack : ICollection, ICloneable
    {
        public Stack() { }
        public int Count { get { throw null; } }
        public bool IsSynchronized { get { throw null; } }
        public object SyncRoot { get { throw null; } }
        public void Clear() { }
        public object Clone() { throw null; }
        public bool Contains(object obj) { throw null; }
        public void CopyTo(Array array, int index) { }
        public IEnumerator GetEnumerator() { throw null; }
        public object Peek() { throw null; }
        public object Pop() { throw null; }
        public void Push(object obj) { }
        public object[] ToArray() { throw null; }
    }
}
